namespace RenderFarm.Encoding.Video;

/// <summary>
/// One pooled RGBA8 frame buffer of an <see cref="Mp4Writer"/>: rent it, fill every byte, submit it.
/// The writer reuses it once ffmpeg has read it, so the caller must not touch it after submitting.
/// </summary>
public sealed class VideoFrame
{
    private readonly byte[] pixels;

    internal VideoFrame(int width, int height)
    {
        Width = width;
        Height = height;
        pixels = new byte[checked(width * height * 4)];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Width × 4 bytes per row, rows top first.</summary>
    public int Stride => Width * 4;

    public Span<byte> Pixels => pixels;

    internal ReadOnlyMemory<byte> Memory => pixels;
}
