using System.Text;
using RenderFarm.Embedding.Decoding;
using SkiaSharp;

using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>Every way an image can be unusable maps to its skip reason and a readable message.</summary>
public sealed class ImageDecoderFailureTests
{
    private static readonly ImageDecodeOptions Defaults = new();

    [Fact]
    public void Decode_NoBytes_ThrowsEmpty()
    {
        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode([], Defaults));

        Assert.Equal(ImageSkipReason.Empty, error.Reason);
    }

    [Fact]
    public void Decode_RandomBytes_ThrowsNotAnImage()
    {
        var bytes = new byte[4096];
        new Random(1234).NextBytes(bytes);
        bytes[0] = 0x42; // a leading 0 could make Skia take the noise for a (legal, unsupported) WBMP

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bytes, Defaults));

        Assert.Equal(ImageSkipReason.NotAnImage, error.Reason);
        Assert.StartsWith("not an image", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello, this is a text file and certainly not a picture of anything\n")]
    [InlineData("BM is how this sentence starts, like a bitmap would, but it is still text.")]
    [InlineData("ab")]
    public void Decode_Text_ThrowsNotAnImage(string text)
    {
        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(Encoding.UTF8.GetBytes(text), Defaults));

        Assert.Equal(ImageSkipReason.NotAnImage, error.Reason);
    }

    [Fact]
    public void Decode_PngHeaderClaiming20000x20000_ThrowsTooLargeBeforeDecoding()
    {
        byte[] png = PngWriter.WriteHeaderClaiming(20000, 20000);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png, Defaults));

        Assert.Equal(ImageSkipReason.TooLarge, error.Reason);
        Assert.Equal("20000x20000 = 400 MP exceeds the 100 MP limit", error.Message);
    }

    [Fact]
    public void Decode_ImageAboveSmallPixelLimit_ThrowsTooLarge()
    {
        byte[] png = TestImages.Encode(SKEncodedImageFormat.Png, 40, 40, TestImages.Gradient(40, 40));

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png, new ImageDecodeOptions { MaxPixels = 1000 }));

        Assert.Equal(ImageSkipReason.TooLarge, error.Reason);
        Assert.Equal("40x40 = 1600 pixels exceeds the 1000 pixels limit", error.Message);
    }

    [Fact]
    public void Decode_TruncatedJpeg_ThrowsTruncatedWithShareOfRows()
    {
        byte[] jpeg = TestImages.Encode(SKEncodedImageFormat.Jpeg, 256, 256, TestImages.Noise(256, 256));

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg.AsSpan(0, jpeg.Length * 6 / 10), Defaults));

        Assert.Equal(ImageSkipReason.Truncated, error.Reason);
        Assert.Matches(@"^truncated JPEG: only [1-9]\d?% of the rows could be decoded$", error.Message);
    }

    [Fact]
    public void Decode_TruncatedPng_ThrowsTruncatedWithShareOfRows()
    {
        byte[] png = TestImages.Encode(SKEncodedImageFormat.Png, 256, 256, TestImages.Noise(256, 256));

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png.AsSpan(0, png.Length / 2), Defaults));

        Assert.Equal(ImageSkipReason.Truncated, error.Reason);
        Assert.Matches(@"^truncated PNG: only [1-9]\d?% of the rows could be decoded$", error.Message);
    }

    [Fact]
    public void Decode_PngCutInsideHeader_ThrowsTruncated()
    {
        byte[] png = TestImages.Encode(SKEncodedImageFormat.Png, 16, 16, TestImages.Gradient(16, 16));

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png.AsSpan(0, 20), Defaults));

        Assert.Equal(ImageSkipReason.Truncated, error.Reason);
        Assert.Equal("truncated PNG: the data ends inside the header", error.Message);
    }

    [Theory]
    [InlineData(128)] // Skia reports IncompleteInput
    [InlineData(16)]  // the cut falls in the first partition: Skia reports InvalidInput
    public void Decode_TruncatedWebP_ThrowsTruncated(int side)
    {
        byte[] webp = TestImages.Encode(SKEncodedImageFormat.Webp, side, side, TestImages.Noise(side, side), quality: 90);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(webp.AsSpan(0, webp.Length * 6 / 10), Defaults));

        Assert.Equal(ImageSkipReason.Truncated, error.Reason);
        Assert.Matches(@"^truncated WebP: the data holds only (59|60)% of the bytes its header declares$", error.Message);
    }

    [Fact]
    public void Decode_GifCutInsideFirstFrame_ThrowsTruncated()
    {
        byte[] gif = TwoFrameGif();

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(gif.AsSpan(0, gif.Length / 4), Defaults));

        Assert.Equal(ImageSkipReason.Truncated, error.Reason);
        Assert.Equal("truncated GIF: the data ends before the last row", error.Message);
    }

    [Fact]
    public void Decode_GifCutInsideSecondFrame_ReturnsCompleteFirstFrame()
    {
        // Only the first frame is used, so a cut after it loses nothing.
        byte[] gif = TwoFrameGif();

        DecodedImage image = ImageDecoder.Decode(gif.AsSpan(0, gif.Length * 3 / 4), Defaults);

        Assert.Equal((100, 100), (image.Width, image.Height));
    }

    [Fact]
    public void Decode_TruncatedBmp_ThrowsTruncated()
    {
        var rgb = new byte[50 * 40 * 3];
        new Random(3).NextBytes(rgb);
        byte[] bmp = BmpWriter.Write(50, 40, rgb);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bmp.AsSpan(0, bmp.Length / 2), Defaults));

        Assert.Equal(ImageSkipReason.Truncated, error.Reason);
        Assert.StartsWith("truncated BMP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PngWithGarbagePixelData_ThrowsCorrupt()
    {
        byte[] png = PngWriter.Write(16, 16, PngWriter.Gray, 8, new byte[256]);
        using var broken = new MemoryStream();
        broken.Write(png.AsSpan(0, 33)); // signature and IHDR
        PngWriter.WriteChunk(broken, "IDAT", [.. Enumerable.Range(0, 200).Select(i => (byte)(i * 37 + 11))]);
        PngWriter.WriteChunk(broken, "IEND", []);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(broken.ToArray(), Defaults));

        Assert.Equal(ImageSkipReason.Corrupt, error.Reason);
        Assert.StartsWith("corrupt PNG", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Documents a limit rather than a wish: libjpeg treats bad scan data as a warning, fills what it cannot
    /// decode and reports success, and Skia passes no warnings on, so such a JPEG cannot be told from a
    /// good one. It should fail here the day Skia starts reporting it.
    /// </summary>
    [Fact]
    public void Decode_JpegWithGarbageScanData_ReturnsLibjpegsConcealedImage()
    {
        byte[] jpeg = TestImages.Encode(SKEncodedImageFormat.Jpeg, 64, 64, TestImages.Noise(64, 64));
        int scanStart = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]) + 20;
        for (int i = scanStart; i < jpeg.Length - 2; i++)
        {
            jpeg[i] = (byte)(i % 3 == 0 ? 0xFF : i * 7); // marker-like bytes mid-scan
        }

        DecodedImage image = ImageDecoder.Decode(jpeg, Defaults);

        Assert.Equal((64, 64), (image.Width, image.Height));
    }

    [Fact]
    public void Decode_HeifHeader_ThrowsUnsupportedFormat()
    {
        byte[] heif = [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[32]];

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(heif, Defaults));

        Assert.Equal(ImageSkipReason.UnsupportedFormat, error.Reason);
        Assert.StartsWith("HEIF images are not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Icon_ThrowsUnsupportedFormat()
    {
        // A real one-image ICO wrapping a PNG, which Skia itself could decode.
        byte[] png = TestImages.Encode(SKEncodedImageFormat.Png, 16, 16, TestImages.Gradient(16, 16));
        byte[] entry = [16, 16, 0, 0, 1, 0, 32, 0, .. BitConverter.GetBytes(png.Length), 22, 0, 0, 0];
        byte[] ico = [0, 0, 1, 0, 1, 0, .. entry, .. png];

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(ico, Defaults));

        Assert.Equal(ImageSkipReason.UnsupportedFormat, error.Reason);
    }

    [Fact]
    public void Decode_TiffHeader_ThrowsUnsupportedFormat()
    {
        byte[] tiff = [.. "II*\0"u8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(tiff, Defaults));

        Assert.Equal(ImageSkipReason.UnsupportedFormat, error.Reason);
    }

    private static byte[] TwoFrameGif()
    {
        (byte, byte, byte)[] palette = [.. Enumerable.Range(0, 100).Select(i => ((byte)i, (byte)(2 * i), (byte)50))];
        byte[] indices = [.. Enumerable.Range(0, 100 * 100).Select(i => (byte)(i % 100))];
        return GifWriter.Write(100, 100, palette, indices, indices);
    }
}
