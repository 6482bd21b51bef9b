using System.Runtime.InteropServices;
using RenderFarm.Embedding.Decoding;
using SkiaSharp;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>Test images made in code (no binary fixtures to trust or update) and pixel assertions.</summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(255, 0, 0);
    public static readonly SKColor Green = new(0, 255, 0);
    public static readonly SKColor Blue = new(0, 0, 255);
    public static readonly SKColor Yellow = new(255, 255, 0);

    /// <summary>Encodes unpremultiplied RGBA pixels with Skia (PNG, JPEG or WebP).</summary>
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height, byte[] rgba, int quality = 95)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        GCHandle pin = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, pin.AddrOfPinnedObject(), info.RowBytes);
            using SKData data = pixmap.Encode(format, quality) ?? throw new InvalidOperationException($"Skia cannot encode {format}");
            return data.ToArray();
        }
        finally
        {
            pin.Free();
        }
    }

    /// <summary>RGBA pixels from a colour function.</summary>
    public static byte[] Rgba(int width, int height, Func<int, int, SKColor> colour)
    {
        var rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                SKColor c = colour(x, y);
                int i = (y * width + x) * 4;
                rgba[i] = c.Red;
                rgba[i + 1] = c.Green;
                rgba[i + 2] = c.Blue;
                rgba[i + 3] = c.Alpha;
            }
        }

        return rgba;
    }

    /// <summary>Red top-left, green top-right, blue bottom-left, yellow bottom-right: shows any rotation or flip.</summary>
    public static byte[] Quadrants(int width, int height) =>
        Rgba(width, height, (x, y) => (x < width / 2, y < height / 2) switch
        {
            (true, true) => Red,
            (false, true) => Green,
            (true, false) => Blue,
            _ => Yellow,
        });

    /// <summary>A smooth gradient: realistic for lossy codecs, distinct at every pixel for lossless ones.</summary>
    public static byte[] Gradient(int width, int height) =>
        Rgba(width, height, (x, y) => new SKColor((byte)(x * 255 / Math.Max(1, width - 1)), (byte)(y * 255 / Math.Max(1, height - 1)), (byte)((x + y) % 256)));

    /// <summary>Seeded noise: compresses badly, so a JPEG of it is mostly entropy-coded rows, not header.</summary>
    public static byte[] Noise(int width, int height, int seed = 7)
    {
        var random = new Random(seed);
        var rgba = new byte[width * height * 4];
        random.NextBytes(rgba);
        for (int i = 3; i < rgba.Length; i += 4)
        {
            rgba[i] = 255;
        }

        return rgba;
    }

    public static SKColor PixelAt(DecodedImage image, int x, int y)
    {
        Assert.Equal(PixelLayout.Rgba8888, image.Layout);
        int i = (y * image.Width + x) * 4;
        return new SKColor(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], image.Pixels[i + 3]);
    }

    /// <summary>Asserts one pixel, each channel within <paramref name="tolerance"/> (lossy formats need some).</summary>
    public static void AssertPixel(DecodedImage image, int x, int y, SKColor expected, int tolerance = 0)
    {
        SKColor actual = PixelAt(image, x, y);
        bool close = Math.Abs(actual.Red - expected.Red) <= tolerance
            && Math.Abs(actual.Green - expected.Green) <= tolerance
            && Math.Abs(actual.Blue - expected.Blue) <= tolerance
            && Math.Abs(actual.Alpha - expected.Alpha) <= tolerance;
        Assert.True(close, $"pixel ({x},{y}) is {actual}, expected {expected} ± {tolerance}");
    }

    /// <summary>Largest per-channel difference between decoded pixels and the RGBA they were encoded from.</summary>
    public static int MaxDifference(DecodedImage image, byte[] expectedRgba)
    {
        Assert.Equal(expectedRgba.Length, image.Pixels.Length);
        int max = 0;
        for (int i = 0; i < expectedRgba.Length; i++)
        {
            max = Math.Max(max, Math.Abs(image.Pixels[i] - expectedRgba[i]));
        }

        return max;
    }
}
