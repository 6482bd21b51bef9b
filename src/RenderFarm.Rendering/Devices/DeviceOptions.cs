namespace RenderFarm.Rendering.Devices;

/// <summary>How to open the render device.</summary>
public sealed record DeviceOptions
{
    /// <summary>The environment variable that chooses a device when <see cref="Device"/> is not set.</summary>
    public const string EnvironmentVariable = "RENDERFARM_DEVICE";

    /// <summary>
    /// A device index ("0", "1") or a case-insensitive substring of its name ("llvmpipe", "nvidia");
    /// null defers to RENDERFARM_DEVICE, and without that chooses automatically: discrete, then
    /// integrated, then virtual, then CPU.
    /// </summary>
    public string? Device { get; init; }

    /// <summary>What to ask the chooser for: this option, else RENDERFARM_DEVICE, else null (automatic).</summary>
    internal string? EffectiveDevice()
    {
        if (!string.IsNullOrWhiteSpace(Device)) return Device.Trim();
        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// Enable VK_LAYER_KHRONOS_validation when it is installed. Defaults to on in Debug builds,
    /// where its cost is acceptable and its messages catch API misuse early.
    /// </summary>
    public bool Validation { get; init; } =
#if DEBUG
        true;
#else
        false;
#endif

}
