namespace RenderFarm.Rendering.Devices;

/// <summary>The Vulkan device a render ran on, as recorded in each output's manifest.</summary>
/// <param name="Index">Position in the loader's enumeration (what RENDERFARM_DEVICE=N selects).</param>
/// <param name="Name">The device name, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</param>
/// <param name="Type">"discrete", "integrated", "virtual", "cpu" or "other".</param>
/// <param name="Driver">Driver name and version information, e.g. "llvmpipe Mesa 22.3.6".</param>
/// <param name="VulkanVersion">The device's API version, e.g. "1.3.230".</param>
public sealed record DeviceInfo(
    int Index,
    string Name,
    string Type,
    string Driver,
    string VulkanVersion,
    int MaxImageDimension2D,
    int MaxImageArrayLayers)
{
    public bool IsCpu => Type == "cpu";

    public override string ToString() => $"{Name} ({Type}, {Driver}, Vulkan {VulkanVersion})";
}
