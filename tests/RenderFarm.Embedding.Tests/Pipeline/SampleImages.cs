using RenderFarm.Embedding.Tests.Decoding;
using SkiaSharp;

using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>Small encoded images for pipeline runs: distinct per seed, plus one of each way a file can be bad.</summary>
internal static class SampleImages
{
    /// <summary>A pattern no other seed produces (37 and 53 are odd, so seeds below 256 never collide).</summary>
    public static byte[] Png(int seed, int size = 12) =>
        TestImages.Encode(SKEncodedImageFormat.Png, size, size, Pattern(seed, size));

    public static byte[] Jpeg(int seed, int size = 12) =>
        TestImages.Encode(SKEncodedImageFormat.Jpeg, size, size, Pattern(seed, size), quality: 90);

    public static byte[] Solid(SKColor colour, int size = 8) =>
        TestImages.Encode(SKEncodedImageFormat.Png, size, size, TestImages.Rgba(size, size, (_, _) => colour));

    /// <summary>A PNG whose header is fine and whose pixel data is garbage.</summary>
    public static byte[] CorruptPng()
    {
        byte[] png = PngWriter.Write(16, 16, PngWriter.Gray, 8, new byte[256]);
        using var broken = new MemoryStream();
        broken.Write(png.AsSpan(0, 33)); // signature and IHDR
        PngWriter.WriteChunk(broken, "IDAT", [.. Enumerable.Range(0, 200).Select(i => (byte)((i * 37) + 11))]);
        PngWriter.WriteChunk(broken, "IEND", []);
        return broken.ToArray();
    }

    /// <summary>The first half of a PNG of noise (noise, so the cut falls among the pixel rows).</summary>
    public static byte[] TruncatedPng()
    {
        byte[] png = TestImages.Encode(SKEncodedImageFormat.Png, 64, 64, TestImages.Noise(64, 64));
        return png[..(png.Length / 2)];
    }

    /// <summary>A text file, as when notes.txt is renamed to photo.jpg.</summary>
    public static byte[] TextFile() => "these are my holiday notes, not a photo of anything\n"u8.ToArray();

    private static byte[] Pattern(int seed, int size) =>
        TestImages.Rgba(size, size, (x, y) => new SKColor(
            (byte)((x * 20) + (seed * 37)),
            (byte)((y * 20) + (seed * 53)),
            (byte)((x * y) + (seed * 11)),
            255));
}
