namespace RenderFarm.Encoding.Probing;

/// <summary>
/// What a video file holds (first video stream). <see cref="FrameCount"/> is counted by decoding
/// (ffprobe -count_frames), not read from the header; <see cref="FastStart"/> is true when the moov box
/// precedes mdat, so a browser can start playing before the whole file has arrived.
/// </summary>
public sealed record VideoProbeResult(
    string Codec,
    string PixelFormat,
    int Width,
    int Height,
    int FrameCount,
    double DurationSeconds,
    double FramesPerSecond,
    bool FastStart);
