using System.Runtime.InteropServices;
using SkiaSharp;

namespace RenderFarm.Embedding.Decoding;

/// <summary>
/// Resizing and cropping of <see cref="DecodedImage"/>s with SkiaSharp. Downscaling halves with a
/// 2×2 box filter until within 2× of the target and finishes with a Mitchell cubic, which
/// antialiases like PIL's reducing resize (what CLIP's preprocessing was trained with).
/// Thread-safe: every call works on its own native objects.
/// </summary>
public static class ImageResampler
{
    /// <summary>Resizes to exactly <paramref name="width"/> × <paramref name="height"/> (aspect not kept).</summary>
    public static DecodedImage Resize(DecodedImage source, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (source.Width == width && source.Height == height)
        {
            return source;
        }

        DecodedImage current = source;
        while (current.Width >= 2 * width && current.Height >= 2 * height)
        {
            current = Draw(current, current.Width / 2, current.Height / 2, new SKSamplingOptions(SKFilterMode.Linear));
        }

        return current.Width == width && current.Height == height
            ? current
            : Draw(current, width, height, new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    /// <summary>
    /// Scales so the shorter side equals <paramref name="shortSide"/>, keeping the aspect ratio; the
    /// longer side is truncated as Hugging Face image processors do (int(shortSide · long / short)).
    /// </summary>
    public static DecodedImage ResizeShortestSide(DecodedImage source, int shortSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shortSide);
        bool portrait = source.Height >= source.Width;
        int shorter = portrait ? source.Width : source.Height;
        int longer = portrait ? source.Height : source.Width;
        int newLonger = Math.Max(1, (int)((long)shortSide * longer / shorter));
        return portrait ? Resize(source, shortSide, newLonger) : Resize(source, newLonger, shortSide);
    }

    /// <summary>
    /// Cuts the centred <paramref name="width"/> × <paramref name="height"/> window; where the image is
    /// smaller the window is padded with zeros (as Hugging Face's center_crop does).
    /// </summary>
    public static DecodedImage CenterCrop(DecodedImage source, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (source.Width == width && source.Height == height)
        {
            return source;
        }

        int bpp = DecodedImage.BytesPerPixel(source.Layout);
        var pixels = new byte[width * height * bpp];
        int top = (source.Height - height) / 2;
        int left = (source.Width - width) / 2;
        for (int y = 0; y < height; y++)
        {
            int sy = y + top;
            if (sy < 0 || sy >= source.Height)
            {
                continue;
            }

            int x0 = Math.Max(0, -left);
            int x1 = Math.Min(width, source.Width - left);
            if (x1 <= x0)
            {
                continue;
            }

            Buffer.BlockCopy(source.Pixels, (sy * source.Width + left + x0) * bpp, pixels, (y * width + x0) * bpp, (x1 - x0) * bpp);
        }

        return new DecodedImage(width, height, source.Layout, pixels, source.SourceWidth, source.SourceHeight);
    }

    private static DecodedImage Draw(DecodedImage source, int width, int height, SKSamplingOptions sampling)
    {
        SKColorType colorType = source.Layout == PixelLayout.Gray8 ? SKColorType.Gray8 : SKColorType.Rgba8888;
        // Unpremultiplied input must be resampled premultiplied, or transparent pixels bleed their colour.
        SKAlphaType alpha = source.Layout == PixelLayout.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Unpremul;
        var sourceInfo = new SKImageInfo(source.Width, source.Height, colorType, alpha);
        var targetInfo = new SKImageInfo(width, height, colorType, alpha);
        var result = new byte[targetInfo.BytesSize];

        GCHandle sourcePin = GCHandle.Alloc(source.Pixels, GCHandleType.Pinned);
        GCHandle targetPin = GCHandle.Alloc(result, GCHandleType.Pinned);
        try
        {
            using var sourcePixmap = new SKPixmap(sourceInfo, sourcePin.AddrOfPinnedObject(), source.RowBytes);
            using var targetPixmap = new SKPixmap(targetInfo, targetPin.AddrOfPinnedObject(), targetInfo.RowBytes);
            if (!sourcePixmap.ScalePixels(targetPixmap, sampling))
            {
                throw new InvalidOperationException($"SkiaSharp could not scale a {source.Width}x{source.Height} image to {width}x{height}.");
            }
        }
        finally
        {
            sourcePin.Free();
            targetPin.Free();
        }

        return new DecodedImage(width, height, source.Layout, result, source.SourceWidth, source.SourceHeight);
    }
}
