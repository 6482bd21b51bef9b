using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Devices;

[Collection(VulkanCollection.Name)]
public sealed class DeviceTests(VulkanFixture vulkan)
{
    [Fact]
    public void OpensLavapipeAndReportsItsLimits()
    {
        var info = vulkan.Device.Info;
        Assert.Contains("llvmpipe", info.Name);
        Assert.Equal("cpu", info.Type);
        Assert.True(info.IsCpu);
        Assert.Matches(@"^1\.\d+\.\d+$", info.VulkanVersion);
        Assert.Contains("llvmpipe", info.Driver);
        Assert.True(info.MaxImageDimension2D >= 4096, $"maxImageDimension2D {info.MaxImageDimension2D}");
        Assert.True(info.MaxImageArrayLayers >= 256, $"maxImageArrayLayers {info.MaxImageArrayLayers}");
        Assert.Equal(1, vulkan.Device.DefaultSamples); // MSAA costs lavapipe ~3× and analytic edges make it unnecessary
    }

    [Fact]
    public void ListsLavapipeAmongTheDevices()
    {
        var devices = RenderDevice.ListDevices();
        Assert.Contains(devices, d => d.Name.Contains("llvmpipe"));
        Assert.Equal(Enumerable.Range(0, devices.Count), devices.Select(d => d.Index).Order());
    }

    [Fact]
    public void OpensByIndex()
    {
        var lavapipe = RenderDevice.ListDevices().First(d => d.Name.Contains("llvmpipe"));
        using var device = RenderDevice.Open(new DeviceOptions { Device = lavapipe.Index.ToString() });
        Assert.Equal(lavapipe, device.Info);
    }

    [Fact]
    public void UnknownDeviceNameIsAClearError()
    {
        var e = Assert.Throws<RenderingException>(() => RenderDevice.Open(new DeviceOptions { Device = "no-such-gpu" }));
        Assert.Contains("RENDERFARM_DEVICE=no-such-gpu", e.Message);
        Assert.Contains("llvmpipe", e.Message); // lists what there is
    }

    [Fact]
    public void MissingDeviceIndexIsAClearError()
    {
        var e = Assert.Throws<RenderingException>(() => RenderDevice.Open(new DeviceOptions { Device = "99" }));
        Assert.Contains("no device 99", e.Message);
    }

    [Fact]
    public void EnvironmentVariableChoosesTheDeviceUnlessTheOptionDoes()
    {
        // Managed environment only (what Open reads); the Vulkan collection runs these tests one at a time.
        Environment.SetEnvironmentVariable(DeviceOptions.EnvironmentVariable, "no-such-gpu");
        try
        {
            var e = Assert.Throws<RenderingException>(() => RenderDevice.Open(new DeviceOptions()));
            Assert.Contains("RENDERFARM_DEVICE=no-such-gpu", e.Message);
            using var explicitChoice = RenderDevice.Open(new DeviceOptions { Device = "llvmpipe" });
            Assert.Contains("llvmpipe", explicitChoice.Info.Name);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DeviceOptions.EnvironmentVariable, null);
        }
    }

    [Fact]
    public void DisposingTheDeviceFreesRenderersStillOpen()
    {
        var device = RenderDevice.Open(new DeviceOptions { Device = "llvmpipe" });
        var renderer = device.CreateFrameRenderer(8, 8);
        device.UploadAtlas(Scenes.DistinctThumbnails(2, 4));
        device.Dispose();
        renderer.Dispose(); // already freed with the device: a second dispose must be harmless
        Assert.Throws<ObjectDisposedException>(() => renderer.Render(
            new FrameDescription(Scenes.PixelCamera(8, 8), Scenes.Background, []), new byte[8 * 8 * 4]));
        Assert.Throws<ObjectDisposedException>(() => device.CreateFrameRenderer(8, 8));
    }
}
