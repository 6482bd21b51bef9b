using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests;

/// <summary>
/// One lavapipe device for every rendering test. Chosen by name rather than VK_ICD_FILENAMES
/// because .NET's SetEnvironmentVariable does not reach the native loader; naming the device works
/// on GPU machines too, where lavapipe is listed beside the GPU.
/// </summary>
public sealed class VulkanFixture : IDisposable
{
    public VulkanFixture()
    {
        Device = RenderDevice.Open(new DeviceOptions { Device = "llvmpipe" });
    }

    public RenderDevice Device { get; }

    public void Dispose() => Device.Dispose();
}

/// <summary>The tests that draw share one device and run one after another (they share its queue and CPU).</summary>
[CollectionDefinition(Name)]
public sealed class VulkanCollection : ICollectionFixture<VulkanFixture>
{
    public const string Name = "Vulkan";
}
