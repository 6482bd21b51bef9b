namespace RenderFarm.Rendering.Frames;

/// <summary>How a <see cref="FrameRenderer"/> draws: the path it prefers, and the one a frame used.</summary>
public enum RenderPath
{
    /// <summary>
    /// On CPU devices the managed splatter for the frames it draws (orthographic, flat discs and
    /// sprites of one pixel size up to ~64 px), else compute splatting where it is faster —
    /// orthographic frames, except layers of large sprites that barely overlap (grid posters) —
    /// and raster elsewhere. On GPUs, raster.
    /// </summary>
    Auto,

    /// <summary>The graphics pipeline: one instanced quad per item, blended in order.</summary>
    Raster,

    /// <summary>
    /// Compute splatting: items binned into 8-pixel screen bins, each bin composited in order by one
    /// workgroup. Orthographic frames with single-sheet atlases on Vulkan 1.1 devices only; others fall back to raster.
    /// </summary>
    Compute,

    /// <summary>
    /// The managed splatter: the CPU draws in C# with SIMD from pre-scaled copies of the atlas
    /// cells, without the device. 2-D (orthographic) frames of flat discs and sprites of one pixel
    /// size up to ~64 px (the video morphs); other frames fall back to compute, then raster.
    /// </summary>
    Managed,
}

/// <summary>Reads the render path preference from the environment.</summary>
public static class RenderPaths
{
    /// <summary>raster, compute, managed or auto (the default when unset).</summary>
    public const string EnvironmentVariable = "RENDERFARM_RENDER_PATH";

    public static RenderPath FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static RenderPath Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return RenderPath.Auto;
        return value.Trim().ToLowerInvariant() switch
        {
            "auto" => RenderPath.Auto,
            "raster" => RenderPath.Raster,
            "compute" => RenderPath.Compute,
            "managed" => RenderPath.Managed,
            _ => throw new RenderingException($"{EnvironmentVariable}='{value}' is not a render path; use raster, compute, managed or auto."),
        };
    }
}
