using RenderFarm.Embedding.Decoding;
using SkiaSharp;

using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>Every supported format and pixel kind decodes to the right RGBA values.</summary>
public sealed class ImageDecoderFormatTests
{
    private static readonly ImageDecodeOptions Defaults = new();

    [Fact]
    public void Decode_Png_ReturnsExactPixels()
    {
        byte[] rgba = TestImages.Gradient(37, 23);

        DecodedImage image = ImageDecoder.Decode(TestImages.Encode(SKEncodedImageFormat.Png, 37, 23, rgba), Defaults);

        Assert.Equal((37, 23, PixelLayout.Rgba8888), (image.Width, image.Height, image.Layout));
        Assert.Equal((37, 23), (image.SourceWidth, image.SourceHeight));
        Assert.Equal(rgba, image.Pixels);
    }

    [Fact]
    public void Decode_Jpeg_ReturnsPixelsWithinLossyTolerance()
    {
        byte[] jpeg = TestImages.Encode(SKEncodedImageFormat.Jpeg, 64, 32, TestImages.Quadrants(64, 32));

        DecodedImage image = ImageDecoder.Decode(jpeg, Defaults);

        Assert.Equal((64, 32), (image.Width, image.Height));
        TestImages.AssertPixel(image, 8, 8, TestImages.Red, tolerance: 8);
        TestImages.AssertPixel(image, 56, 8, TestImages.Green, tolerance: 8);
        TestImages.AssertPixel(image, 8, 24, TestImages.Blue, tolerance: 8);
        TestImages.AssertPixel(image, 56, 24, TestImages.Yellow, tolerance: 8);
    }

    [Fact]
    public void Decode_WebP_ReturnsPixelsWithinLossyTolerance()
    {
        byte[] rgba = TestImages.Gradient(48, 40);

        DecodedImage image = ImageDecoder.Decode(TestImages.Encode(SKEncodedImageFormat.Webp, 48, 40, rgba, quality: 100), Defaults);

        Assert.Equal((48, 40), (image.Width, image.Height));
        Assert.InRange(TestImages.MaxDifference(image, rgba), 0, 16);
    }

    [Fact]
    public void Decode_Bmp_ReturnsExactPixelsTopRowFirst()
    {
        // Odd width: every row carries padding bytes, which must not leak into the pixels.
        byte[] rgba = TestImages.Gradient(5, 3);
        byte[] rgb = [.. rgba.Where((_, i) => i % 4 != 3)];

        DecodedImage image = ImageDecoder.Decode(BmpWriter.Write(5, 3, rgb), Defaults);

        Assert.Equal(rgba, image.Pixels);
    }

    [Fact]
    public void Decode_TwoFrameGif_ReturnsFirstFrame()
    {
        (byte, byte, byte)[] palette = [(0, 0, 0), (255, 0, 0), (0, 0, 255), (10, 200, 30)];
        byte[] first = [.. Enumerable.Range(0, 20 * 10).Select(i => (byte)(i % 20 < 10 ? 1 : 3))];
        byte[] second = [.. Enumerable.Repeat((byte)2, 20 * 10)];

        DecodedImage image = ImageDecoder.Decode(GifWriter.Write(20, 10, palette, first, second), Defaults);

        Assert.Equal((20, 10), (image.Width, image.Height));
        TestImages.AssertPixel(image, 0, 0, new SKColor(255, 0, 0));
        TestImages.AssertPixel(image, 19, 9, new SKColor(10, 200, 30));
    }

    [Fact]
    public void Decode_GrayPng_ReturnsRgbaWithEqualChannels()
    {
        byte[] gray = [0, 64, 128, 255, 1, 200];

        DecodedImage image = ImageDecoder.Decode(PngWriter.Write(3, 2, PngWriter.Gray, 8, gray), Defaults);

        Assert.Equal(PixelLayout.Rgba8888, image.Layout);
        for (int i = 0; i < gray.Length; i++)
        {
            TestImages.AssertPixel(image, i % 3, i / 3, new SKColor(gray[i], gray[i], gray[i], 255));
        }
    }

    [Fact]
    public void Decode_GrayAlphaPng_KeepsGrayAndAlpha()
    {
        byte[] grayAlpha = [100, 255, 100, 128, 250, 0, 30, 77];

        DecodedImage image = ImageDecoder.Decode(PngWriter.Write(2, 2, PngWriter.GrayAlpha, 8, grayAlpha), Defaults);

        TestImages.AssertPixel(image, 0, 0, new SKColor(100, 100, 100, 255));
        TestImages.AssertPixel(image, 1, 0, new SKColor(100, 100, 100, 128));
        Assert.Equal(0, TestImages.PixelAt(image, 0, 1).Alpha);
        TestImages.AssertPixel(image, 1, 1, new SKColor(30, 30, 30, 77));
    }

    [Fact]
    public void Decode_RgbaPngWithTransparency_ReturnsUnpremultipliedAlpha()
    {
        byte[] rgba = [200, 100, 50, 255, 10, 200, 30, 128, 90, 90, 250, 1, 0, 0, 0, 0];

        DecodedImage image = ImageDecoder.Decode(PngWriter.Write(2, 2, PngWriter.Rgba, 8, rgba), Defaults);

        // Half-transparent colours come back as stored: premultiplied output would have halved them.
        TestImages.AssertPixel(image, 0, 0, new SKColor(200, 100, 50, 255));
        TestImages.AssertPixel(image, 1, 0, new SKColor(10, 200, 30, 128));
        TestImages.AssertPixel(image, 0, 1, new SKColor(90, 90, 250, 1));
        Assert.Equal(0, TestImages.PixelAt(image, 1, 1).Alpha);
    }

    [Fact]
    public void Decode_PalettePngWithTransparentEntry_ReturnsPaletteColours()
    {
        byte[] palette = [255, 0, 0, 0, 128, 255, 7, 7, 7];
        byte[] transparency = [255, 60]; // entry 2 stays opaque
        byte[] indices = [0, 1, 2, 2, 1, 0];

        DecodedImage image = ImageDecoder.Decode(PngWriter.Write(3, 2, PngWriter.Palette, 8, indices, palette, transparency), Defaults);

        TestImages.AssertPixel(image, 0, 0, new SKColor(255, 0, 0, 255));
        TestImages.AssertPixel(image, 1, 0, new SKColor(0, 128, 255, 60));
        TestImages.AssertPixel(image, 2, 0, new SKColor(7, 7, 7, 255));
        TestImages.AssertPixel(image, 2, 1, new SKColor(255, 0, 0, 255));
    }

    [Fact]
    public void Decode_SixteenBitRgbaPng_ScalesSamplesTo8Bit()
    {
        // Big-endian 16-bit samples. 0x8000 tells scaling (128) from keeping the low byte (0);
        // 0x00FF tells it from truncating to the low byte (255).
        ushort[] samples = [0xFFFF, 0x8000, 0x0000, 0xFFFF, 0x00FF, 0x4040, 0xC0C0, 0x8080];
        byte[] rows = [.. samples.SelectMany(s => new[] { (byte)(s >> 8), (byte)s })];

        DecodedImage image = ImageDecoder.Decode(PngWriter.Write(2, 1, PngWriter.Rgba, 16, rows), Defaults);

        TestImages.AssertPixel(image, 0, 0, new SKColor(255, 128, 0, 255), tolerance: 1);
        TestImages.AssertPixel(image, 1, 0, new SKColor(1, 64, 192, 128), tolerance: 1);
    }

    [Fact]
    public void Decode_SixteenBitGrayPng_ScalesSamplesTo8Bit()
    {
        byte[] rows = [0x12, 0x34, 0xFF, 0xFF, 0x80, 0x00];

        DecodedImage image = ImageDecoder.Decode(PngWriter.Write(3, 1, PngWriter.Gray, 16, rows), Defaults);

        TestImages.AssertPixel(image, 0, 0, new SKColor(0x12, 0x12, 0x12, 255), tolerance: 1);
        TestImages.AssertPixel(image, 1, 0, new SKColor(255, 255, 255, 255), tolerance: 1);
        TestImages.AssertPixel(image, 2, 0, new SKColor(128, 128, 128, 255), tolerance: 1);
    }
}
