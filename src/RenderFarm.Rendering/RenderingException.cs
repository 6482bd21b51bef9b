namespace RenderFarm.Rendering;

/// <summary>
/// Why rendering cannot happen: no Vulkan loader, no usable device, a request the device cannot
/// meet or a bad frame description. The message is meant for the person running the render.
/// </summary>
public sealed class RenderingException : Exception
{
    public RenderingException(string message) : base(message) { }

    public RenderingException(string message, Exception inner) : base(message, inner) { }

    /// <summary>What to install when Vulkan is missing: the loader and Mesa's CPU driver (lavapipe).</summary>
    public const string InstallHint =
        "Install the Vulkan loader and a driver: on Debian, 'apt-get install libvulkan1 mesa-vulkan-drivers' " +
        "(mesa-vulkan-drivers provides lavapipe, a CPU renderer that needs no GPU).";
}
