using RenderFarm.Rendering.Devices;
using Silk.NET.Vulkan;

namespace RenderFarm.Rendering.Tests.Devices;

public sealed class PhysicalDeviceChooserTests
{
    private static PhysicalDeviceChooser.Candidate Candidate(int index, string name, string type) =>
        new(default(PhysicalDevice), 0, new DeviceInfo(index, name, type, "driver", "1.3.0", 16384, 2048));

    private static readonly PhysicalDeviceChooser.Candidate[] Machine =
    [
        Candidate(0, "llvmpipe (LLVM 15)", "cpu"),
        Candidate(1, "Intel(R) UHD Graphics", "integrated"),
        Candidate(2, "NVIDIA H100", "discrete"),
        Candidate(3, "virtio-gpu", "virtual"),
    ];

    [Fact]
    public void PrefersDiscreteThenIntegratedThenVirtualThenCpu()
    {
        Assert.Equal("NVIDIA H100", PhysicalDeviceChooser.Choose(Machine, null).Info.Name);
        Assert.Equal("Intel(R) UHD Graphics", PhysicalDeviceChooser.Choose(Machine.Where(c => c.Info.Type != "discrete").ToList(), null).Info.Name);
        Assert.Equal("virtio-gpu", PhysicalDeviceChooser.Choose([Machine[0], Machine[3]], null).Info.Name);
        Assert.Equal("llvmpipe (LLVM 15)", PhysicalDeviceChooser.Choose([Machine[0]], null).Info.Name);
    }

    [Fact]
    public void RequestByNameSubstringIgnoresCase()
    {
        Assert.Equal(0, PhysicalDeviceChooser.Choose(Machine, "LLVMPIPE").Info.Index);
        Assert.Equal(2, PhysicalDeviceChooser.Choose(Machine, "nvidia").Info.Index);
    }

    [Fact]
    public void RequestByIndex()
    {
        Assert.Equal("virtio-gpu", PhysicalDeviceChooser.Choose(Machine, "3").Info.Name);
    }

    [Fact]
    public void NoDeviceNamesThePackagesToInstall()
    {
        var e = Assert.Throws<RenderingException>(() => PhysicalDeviceChooser.Choose([], null));
        Assert.Contains("libvulkan1 mesa-vulkan-drivers", e.Message);
    }
}
