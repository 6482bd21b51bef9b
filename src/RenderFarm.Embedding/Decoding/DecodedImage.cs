namespace RenderFarm.Embedding.Decoding;

/// <summary>How the bytes of a <see cref="DecodedImage"/> are laid out.</summary>
public enum PixelLayout
{
    /// <summary>One byte per pixel, 0 = black.</summary>
    Gray8,

    /// <summary>Four bytes per pixel, R G B A, alpha not premultiplied, sRGB.</summary>
    Rgba8888,
}

/// <summary>
/// A decoded image in managed memory, rows packed without padding. Managed rather than an
/// SKBitmap so that 70,000 IDX digits cost no native allocation and images can cross threads freely.
/// </summary>
public sealed class DecodedImage
{
    public DecodedImage(int width, int height, PixelLayout layout, byte[] pixels, int sourceWidth = 0, int sourceHeight = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int expected = checked(width * height * BytesPerPixel(layout));
        if (pixels.Length != expected)
        {
            throw new ArgumentException($"{width}x{height} {layout} needs {expected} bytes, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Layout = layout;
        Pixels = pixels;
        SourceWidth = sourceWidth > 0 ? sourceWidth : width;
        SourceHeight = sourceHeight > 0 ? sourceHeight : height;
    }

    public int Width { get; }

    public int Height { get; }

    public PixelLayout Layout { get; }

    /// <summary>Row-major pixels, <see cref="RowBytes"/> per row.</summary>
    public byte[] Pixels { get; }

    /// <summary>Width of the encoded image before any decode-time downscaling (after EXIF rotation).</summary>
    public int SourceWidth { get; }

    /// <summary>Height of the encoded image before any decode-time downscaling (after EXIF rotation).</summary>
    public int SourceHeight { get; }

    public int RowBytes => Width * BytesPerPixel(Layout);

    public static int BytesPerPixel(PixelLayout layout) => layout == PixelLayout.Gray8 ? 1 : 4;
}
