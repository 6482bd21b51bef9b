using RenderFarm.Embedding.Decoding;
using SkiaSharp;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>EXIF orientation is applied, and JPEGs downscale while decoding.</summary>
public sealed class ImageDecoderOrientationTests
{
    private const int Width = 64;
    private const int Height = 32;

    /// <summary>
    /// For each EXIF orientation, where the stored image's corners end up in the upright image, written
    /// out from the EXIF definitions rather than computed, so the test does not share the decoder's maths.
    /// </summary>
    public static TheoryData<int, Corner, Corner, Corner, Corner> Orientations => new()
    {
        // orientation, then where stored top-left, top-right, bottom-left, bottom-right land
        { 1, Corner.TopLeft, Corner.TopRight, Corner.BottomLeft, Corner.BottomRight },
        { 2, Corner.TopRight, Corner.TopLeft, Corner.BottomRight, Corner.BottomLeft },
        { 3, Corner.BottomRight, Corner.BottomLeft, Corner.TopRight, Corner.TopLeft },
        { 4, Corner.BottomLeft, Corner.BottomRight, Corner.TopLeft, Corner.TopRight },
        { 5, Corner.TopLeft, Corner.BottomLeft, Corner.TopRight, Corner.BottomRight },
        { 6, Corner.TopRight, Corner.BottomRight, Corner.TopLeft, Corner.BottomLeft },
        { 7, Corner.BottomRight, Corner.TopRight, Corner.BottomLeft, Corner.TopLeft },
        { 8, Corner.BottomLeft, Corner.TopLeft, Corner.BottomRight, Corner.TopRight },
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Decode_JpegWithExifOrientation_MovesCornersUpright(int orientation, Corner red, Corner green, Corner blue, Corner yellow)
    {
        byte[] jpeg = ExifWriter.WithOrientation(TestImages.Encode(SKEncodedImageFormat.Jpeg, Width, Height, TestImages.Quadrants(Width, Height)), orientation);

        DecodedImage image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions());

        bool swapped = orientation >= 5;
        Assert.Equal(swapped ? (Height, Width) : (Width, Height), (image.Width, image.Height));
        Assert.Equal((image.Width, image.Height), (image.SourceWidth, image.SourceHeight));
        AssertCorner(image, red, TestImages.Red);
        AssertCorner(image, green, TestImages.Green);
        AssertCorner(image, blue, TestImages.Blue);
        AssertCorner(image, yellow, TestImages.Yellow);
    }

    [Fact]
    public void Decode_JpegWithMinShortSide_DecodesAtSmallestSufficientScale()
    {
        byte[] jpeg = TestImages.Encode(SKEncodedImageFormat.Jpeg, 800, 600, TestImages.Quadrants(800, 600));

        // 1/8 would give 100x75, short of 100; 2/8 gives 200x150.
        DecodedImage image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions { MinShortSide = 100 });

        Assert.Equal((200, 150), (image.Width, image.Height));
        Assert.Equal((800, 600), (image.SourceWidth, image.SourceHeight));
        TestImages.AssertPixel(image, 50, 37, TestImages.Red, tolerance: 8);
        TestImages.AssertPixel(image, 150, 112, TestImages.Yellow, tolerance: 8);
    }

    [Fact]
    public void Decode_RotatedJpegWithMinShortSide_ReportsUprightSizes()
    {
        byte[] jpeg = ExifWriter.WithOrientation(TestImages.Encode(SKEncodedImageFormat.Jpeg, 800, 600, TestImages.Quadrants(800, 600)), 6);

        DecodedImage image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions { MinShortSide = 100 });

        Assert.Equal((150, 200), (image.Width, image.Height));
        Assert.Equal((600, 800), (image.SourceWidth, image.SourceHeight));
        TestImages.AssertPixel(image, 112, 50, TestImages.Red, tolerance: 8);
    }

    [Fact]
    public void Decode_JpegWithMinShortSideAboveImage_DecodesAtFullSize()
    {
        byte[] jpeg = TestImages.Encode(SKEncodedImageFormat.Jpeg, 80, 60, TestImages.Quadrants(80, 60));

        DecodedImage image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions { MinShortSide = 224 });

        Assert.Equal((80, 60), (image.Width, image.Height));
    }

    [Fact]
    public void Decode_PngWithMinShortSide_DecodesAtFullSize()
    {
        byte[] png = TestImages.Encode(SKEncodedImageFormat.Png, 800, 600, TestImages.Quadrants(800, 600));

        DecodedImage image = ImageDecoder.Decode(png, new ImageDecodeOptions { MinShortSide = 100 });

        Assert.Equal((800, 600), (image.Width, image.Height));
    }

    /// <summary>Samples a quarter of the way in from the corner: inside its quadrant, clear of JPEG edge ringing.</summary>
    private static void AssertCorner(DecodedImage image, Corner corner, SKColor expected)
    {
        int left = image.Width / 4;
        int right = image.Width - 1 - image.Width / 4;
        int top = image.Height / 4;
        int bottom = image.Height - 1 - image.Height / 4;
        (int x, int y) = corner switch
        {
            Corner.TopLeft => (left, top),
            Corner.TopRight => (right, top),
            Corner.BottomLeft => (left, bottom),
            _ => (right, bottom),
        };
        TestImages.AssertPixel(image, x, y, expected, tolerance: 8);
    }
}
