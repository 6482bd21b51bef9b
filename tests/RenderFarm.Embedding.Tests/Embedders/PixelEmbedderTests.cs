using System.Numerics.Tensors;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Embedders;
using RenderFarm.Embedding.Tests.Onnx;

namespace RenderFarm.Embedding.Tests.Embedders;

/// <summary>Pixel vectors computed by hand on 2x2 images (the embedder's own size, so no resampling blurs them).</summary>
public sealed class PixelEmbedderTests
{
    private const float Tolerance = 1e-6f;

    [Fact]
    public void Embed_Gray8ToGrayscale_ScalesBytesToUnitRange()
    {
        using var embedder = new PixelEmbedder(2, PixelColor.Grayscale, normalize: false);
        byte[] values = [0, 51, 102, 255];

        float[] vector = TestImages.Embed(embedder, TestImages.Gray(2, 2, (x, y) => values[(y * 2) + x]));

        AssertClose([0f, 0.2f, 0.4f, 1f], vector);
    }

    [Fact]
    public void Embed_Gray8ToRgb_RepeatsTheGrayInEveryChannel()
    {
        using var embedder = new PixelEmbedder(2, PixelColor.Rgb, normalize: false);

        float[] vector = TestImages.Embed(embedder, TestImages.Gray(2, 2, (x, y) => (byte)(x == 0 && y == 0 ? 51 : 0)));

        AssertClose([0.2f, 0.2f, 0.2f, 0, 0, 0, 0, 0, 0, 0, 0, 0], vector);
    }

    [Fact]
    public void Embed_OpaqueRgba_WritesRgbTriplesInRowMajorOrder()
    {
        using var embedder = new PixelEmbedder(2, PixelColor.Rgb, normalize: false);
        (byte, byte, byte, byte)[] pixels = [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255), (51, 102, 153, 255)];

        float[] vector = TestImages.Embed(embedder, TestImages.Rgba(2, 2, (x, y) => pixels[(y * 2) + x]));

        AssertClose([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2f, 0.4f, 0.6f], vector);
    }

    [Fact]
    public void Embed_HalfTransparentRed_IsCompositedOverWhite()
    {
        using var embedder = new PixelEmbedder(2, PixelColor.Rgb, normalize: false);

        float[] vector = TestImages.Embed(embedder, TestImages.Rgba(2, 2, (x, y) => x == 0 && y == 0 ? ((byte)255, (byte)0, (byte)0, (byte)128) : ((byte)0, (byte)0, (byte)0, (byte)0)));

        // Red at alpha 128/255 over white: red stays 255, green and blue get white's 255 - 128 = 127.
        AssertClose([1f, 127 / 255f, 127 / 255f], vector[..3], 1e-5f);
        // Fully transparent pixels are white, whatever colour they carry.
        AssertClose(Enumerable.Repeat(1f, 9).ToArray(), vector[3..], 1e-5f);
    }

    [Fact]
    public void Embed_RgbaToGrayscale_UsesRec601LumaWeights()
    {
        using var embedder = new PixelEmbedder(2, PixelColor.Grayscale, normalize: false);
        (byte, byte, byte, byte)[] pixels = [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255), (100, 150, 200, 255)];

        float[] vector = TestImages.Embed(embedder, TestImages.Rgba(2, 2, (x, y) => pixels[(y * 2) + x]));

        AssertClose([0.299f, 0.587f, 0.114f, ((0.299f * 100) + (0.587f * 150) + (0.114f * 200)) / 255f], vector, 1e-5f);
    }

    [Fact]
    public void Embed_Normalize_GivesUnitVectorInTheSameDirection()
    {
        using var plain = new PixelEmbedder(2, PixelColor.Rgb, normalize: false);
        using var normalized = new PixelEmbedder(2, PixelColor.Rgb, normalize: true);
        var image = TestImages.Rgba(2, 2, (x, y) => ((byte)(40 * x), (byte)(90 * y), (byte)(30 + x + y), 255));

        float[] raw = TestImages.Embed(plain, image);
        float[] unit = TestImages.Embed(normalized, image);

        Assert.Equal(1f, TensorPrimitives.Norm(unit), 1e-6f);
        float norm = TensorPrimitives.Norm(raw);
        AssertClose(raw.Select(v => v / norm).ToArray(), unit);
    }

    [Fact]
    public void Embed_NormalizeBlackImage_StaysZeroInsteadOfNaN()
    {
        using var embedder = new PixelEmbedder(2, PixelColor.Grayscale, normalize: true);

        float[] vector = TestImages.Embed(embedder, TestImages.Gray(2, 2, (_, _) => 0));

        Assert.Equal([0f, 0f, 0f, 0f], vector);
    }

    [Theory]
    [InlineData(8, PixelColor.Grayscale, 64)]
    [InlineData(8, PixelColor.Rgb, 192)]
    [InlineData(28, PixelColor.Grayscale, 784)]
    public void Dimension_SizeAndColor_IsSideSquaredTimesChannels(int size, PixelColor color, int expected)
    {
        using var embedder = new PixelEmbedder(size, color, normalize: false);

        Assert.Equal((expected, expected), (embedder.Dimension, embedder.InputLength));
    }

    [Fact]
    public void CacheKey_AnySettingChanged_Differs()
    {
        using var baseline = new PixelEmbedder(8, PixelColor.Rgb, normalize: false);
        using var same = new PixelEmbedder(8, PixelColor.Rgb, normalize: false);
        PixelEmbedder[] variants =
        [
            new PixelEmbedder(16, PixelColor.Rgb, normalize: false),
            new PixelEmbedder(8, PixelColor.Grayscale, normalize: false),
            new PixelEmbedder(8, PixelColor.Rgb, normalize: true),
        ];

        Assert.Equal(baseline.CacheKey, same.CacheKey);
        string[] keys = [baseline.CacheKey, .. variants.Select(v => v.CacheKey)];
        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
