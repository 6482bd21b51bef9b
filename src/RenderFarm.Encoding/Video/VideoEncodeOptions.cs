using System.Globalization;

namespace RenderFarm.Encoding.Video;

/// <summary>
/// H.264 settings for one video (or for every chunk of one video: chunks joined by stream copy must share
/// them exactly). Frames are RGBA8, <see cref="Width"/> × <see cref="Height"/>, tightly packed, top row first.
/// </summary>
public sealed record VideoEncodeOptions
{
    /// <summary>libx264's presets, fastest first.</summary>
    public static readonly IReadOnlyList<string> Presets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    public required int Width { get; init; }

    public required int Height { get; init; }

    public double FramesPerSecond { get; init; } = 30;

    /// <summary>Constant rate factor, 0 (lossless) to 51; 18–23 look clean for sprite frames.</summary>
    public int Crf { get; init; } = 20;

    public string Preset { get; init; } = "veryfast";

    /// <summary>Frame buffers in flight: one being filled, one queued, one in the pipe.</summary>
    public int BufferCount { get; init; } = 3;

    public int FrameBytes => checked(Width * Height * 4);

    /// <summary>Appended to the output options; lets tests make the real ffmpeg fail in a known way.</summary>
    internal string? ExtraOutputArguments { get; init; }

    /// <summary>Refuses values ffmpeg would refuse later (or, for odd sizes, silently pad), naming the option.</summary>
    public void Validate()
    {
        if (Width <= 0 || Height <= 0 || Width > 16384 || Height > 16384)
        {
            throw new EncodingException($"video size {Width}x{Height}: width and height must be between 1 and 16384.");
        }

        // yuv420p halves chroma in both directions, so libx264 refuses odd sizes; say so before ffmpeg starts.
        if (Width % 2 != 0 || Height % 2 != 0)
        {
            throw new EncodingException($"video size {Width}x{Height}: H.264 with yuv420p needs an even width and height.");
        }

        if (!(FramesPerSecond > 0 && FramesPerSecond <= 240))
        {
            throw new EncodingException($"fps {FramesPerSecond.ToString(CultureInfo.InvariantCulture)}: must be above 0 and at most 240.");
        }

        if (Crf < 0 || Crf > 51)
        {
            throw new EncodingException($"crf {Crf}: must be between 0 and 51.");
        }

        if (!Presets.Contains(Preset))
        {
            throw new EncodingException($"preset '{Preset}': unknown; use one of {string.Join(", ", Presets)}.");
        }

        if (BufferCount < 2 || BufferCount > 16)
        {
            throw new EncodingException($"buffer count {BufferCount}: must be between 2 and 16.");
        }
    }

    /// <summary>The output options, identical for whole videos and chunks so chunks can be joined by stream copy.</summary>
    internal string OutputArguments() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"-c:v libx264 -preset {Preset} -crf {Crf} -pix_fmt yuv420p -movflags +faststart -f mp4 -hide_banner -loglevel warning {ExtraOutputArguments}");
}
