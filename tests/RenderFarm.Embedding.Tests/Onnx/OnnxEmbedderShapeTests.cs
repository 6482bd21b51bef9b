using System.Numerics.Tensors;
using RenderFarm.Embedding.Onnx;

namespace RenderFarm.Embedding.Tests.Onnx;

public class OnnxEmbedderShapeTests
{
    [Fact]
    public void TinyClipReportsItsShapes()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip });

        Assert.Equal(3 * 16 * 16, embedder.InputLength);
        Assert.Equal(8, embedder.Dimension);
        Assert.Equal(32, embedder.BatchSize);
        Assert.Equal(16, embedder.MinShortSide);
        Assert.Contains("CPU", embedder.Description);
        Assert.Contains("image_embeds", embedder.Description);
        Assert.Contains("preprocessor_config.json", embedder.Description);
        Assert.StartsWith("onnx:v1:", embedder.CacheKey);
    }

    [Fact]
    public void OutputRowsHaveUnitNorm()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip });

        float[] outputs = TestImages.Embed(embedder, TestImages.Pattern(40, 30, 1), TestImages.Pattern(20, 50, 2), TestImages.Pattern(16, 16, 3));

        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(outputs.AsSpan(r * 8, 8)), 5);
        }
    }

    [Fact]
    public void NormalizeFalseKeepsRawOutput()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.Model("identity-flatten.onnx"), Normalize = false });
        var image = TestImages.Pattern(4, 4, 9);

        Assert.Equal(TestImages.Prepared(embedder, image), TestImages.Embed(embedder, image));
    }

    [Fact]
    public void TokenOutputIsReducedToTheFirstToken()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip, OutputName = "last_hidden_state" });

        float[] output = TestImages.Embed(embedder, TestImages.Pattern(16, 16, 4));

        Assert.Equal(8, embedder.Dimension);
        Assert.Equal(1f, TensorPrimitives.Norm(output), 5);
        Assert.Contains("FirstToken", embedder.Description);
    }

    [Fact]
    public void FirstTokenIsTokenZeroExactly()
    {
        // tokens.onnx: [b,3,2,2] -> [b,4,3], token t = pixel t's channels.
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.Model("tokens.onnx"), Normalize = false });
        var image = TestImages.Pattern(2, 2, 5);

        float[] input = TestImages.Prepared(embedder, image);
        float[] output = TestImages.Embed(embedder, image);

        Assert.Equal(3, embedder.Dimension);
        Assert.Equal([input[0], input[4], input[8]], output);
    }

    [Fact]
    public void FeatureMapIsAveragedOverSpace()
    {
        // feature-map.onnx: [b,3,4,4] reshaped to [b,12,2,2]; channel c holds prepared floats 4c..4c+3.
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.Model("feature-map.onnx"), Normalize = false });
        var image = TestImages.Pattern(4, 4, 6);

        float[] input = TestImages.Prepared(embedder, image);
        float[] output = TestImages.Embed(embedder, image);

        Assert.Equal(12, embedder.Dimension);
        for (int c = 0; c < 12; c++)
        {
            float mean = (input[4 * c] + input[(4 * c) + 1] + input[(4 * c) + 2] + input[(4 * c) + 3]) / 4;
            Assert.Equal(mean, output[c], 5);
        }
    }

    [Fact]
    public void DynamicSpatialSizeComesFromOverride()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.Model("dynamic-size.onnx"), CropSize = 6 });

        float[] output = TestImages.Embed(embedder, TestImages.Pattern(9, 7, 1));

        Assert.Equal(3 * 6 * 6, embedder.InputLength);
        Assert.Equal(3, embedder.Dimension);
        Assert.Equal(1f, TensorPrimitives.Norm(output), 5);
    }

    [Fact]
    public void DynamicSpatialSizeComesFromConfig()
    {
        string model = TestModels.CopyWithConfig("dynamic-size.onnx", """{"size": {"height": 5, "width": 7}, "do_center_crop": false}""");
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = model });

        Assert.Equal(3 * 5 * 7, embedder.InputLength);
        Assert.Equal(7, embedder.MinShortSide);
        Assert.Equal(3, TestImages.Embed(embedder, TestImages.Pattern(20, 10, 2)).Length);
    }

    [Fact]
    public void NhwcModelIsDetected()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.Model("nhwc.onnx") });

        Assert.Equal(8 * 8 * 3, embedder.InputLength);
        Assert.Equal(192, embedder.Dimension);
        Assert.Contains("NHWC", embedder.Description);
    }

    [Fact]
    public void SymbolicEmbeddingWidthIsProbed()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.Model("dynamic-dim.onnx") });

        Assert.Equal(48, embedder.Dimension);
        Assert.Equal(48, TestImages.Embed(embedder, TestImages.Pattern(5, 5, 1)).Length);
    }
}
