using System.Runtime.InteropServices;
using SkiaSharp;

namespace RenderFarm.Embedding.Decoding;

/// <summary>
/// Turns decoded RGBA pixels upright according to the EXIF orientation. Skia's codecs report the
/// orientation but never apply it, and a sideways photo embeds as a different image.
/// Works on managed memory only, so it needs no native object and is trivially thread-safe.
/// </summary>
internal static class OrientationTransform
{
    /// <summary>Whether the upright image has width and height exchanged (orientations 5–8).</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// Returns the upright pixels of a <paramref name="width"/> × <paramref name="height"/> RGBA image:
    /// the same array for <see cref="SKEncodedOrigin.TopLeft"/> (or an unknown value), a new one otherwise.
    /// </summary>
    public static byte[] Apply(byte[] rgba, int width, int height, SKEncodedOrigin origin)
    {
        if (!TryGetWalk(origin, width, height, out int start, out int stepX, out int stepY))
        {
            return rgba;
        }

        // Each stored pixel (x, y) lands at start + x·stepX + y·stepY in the upright image, which is an
        // affine walk for every one of the eight orientations; copying whole RGBA words keeps it cheap.
        var result = new byte[rgba.Length];
        ReadOnlySpan<uint> source = MemoryMarshal.Cast<byte, uint>(rgba.AsSpan());
        Span<uint> target = MemoryMarshal.Cast<byte, uint>(result.AsSpan());
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<uint> row = source.Slice(y * width, width);
            int index = start + y * stepY;
            for (int x = 0; x < width; x++, index += stepX)
            {
                target[index] = row[x];
            }
        }

        return result;
    }

    /// <summary>
    /// The target index of stored pixel (0, 0) and the target index change per stored column and per
    /// stored row, derived from where each EXIF orientation puts the stored rows and columns.
    /// </summary>
    private static bool TryGetWalk(SKEncodedOrigin origin, int w, int h, out int start, out int stepX, out int stepY)
    {
        (start, stepX, stepY) = origin switch
        {
            // Upright width stays w: target (tx, ty) is index ty·w + tx.
            SKEncodedOrigin.TopRight => (w - 1, -1, w),                  // 2: mirrored left-right
            SKEncodedOrigin.BottomRight => ((h - 1) * w + w - 1, -1, -w), // 3: rotated 180°
            SKEncodedOrigin.BottomLeft => ((h - 1) * w, 1, -w),           // 4: mirrored top-bottom
            // Upright width becomes h: target (tx, ty) is index ty·h + tx.
            SKEncodedOrigin.LeftTop => (0, h, 1),                         // 5: transposed
            SKEncodedOrigin.RightTop => (h - 1, h, -1),                   // 6: needs 90° clockwise
            SKEncodedOrigin.RightBottom => ((w - 1) * h + h - 1, -h, -1), // 7: transversed
            SKEncodedOrigin.LeftBottom => ((w - 1) * h, -h, 1),           // 8: needs 90° counter-clockwise
            _ => (0, 0, 0),
        };
        return stepX != 0;
    }
}
