using Silk.NET.Vulkan;

namespace RenderFarm.Rendering.Devices;

/// <summary>Turns a failed Vulkan call into a RenderingException that says which call failed.</summary>
internal static class VkCheck
{
    public static void Ok(Result result, string what)
    {
        if (result != Result.Success)
            throw new RenderingException($"Vulkan call failed: {what} returned {result}.");
    }
}
