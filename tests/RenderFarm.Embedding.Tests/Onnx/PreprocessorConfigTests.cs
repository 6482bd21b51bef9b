using RenderFarm.Embedding.Onnx;

namespace RenderFarm.Embedding.Tests.Onnx;

public class PreprocessorConfigTests
{
    [Fact]
    public void ReadsTheHuggingFaceClipFile()
    {
        PreprocessorConfig? config = PreprocessorConfig.LoadBesideModel(TestModels.TinyClip);

        Assert.NotNull(config);
        Assert.Equal(16, config.ShortestEdge);
        Assert.Null(config.Size);
        Assert.Equal((16, 16), (config.CropWidth, config.CropHeight));
        Assert.True(config.DoCenterCrop);
        Assert.True(config.DoResize);
        Assert.True(config.DoNormalize);
        Assert.True(config.DoRescale);
        Assert.True(config.DoConvertRgb);
        Assert.Equal(1f / 255, config.RescaleFactor!.Value, 6);
        Assert.Equal([0.48145466f, 0.4578275f, 0.40821073f], config.ImageMean!);
        Assert.Equal([0.26862954f, 0.26130258f, 0.27577711f], config.ImageStd!);
    }

    [Fact]
    public void IntegerSizesAndUnknownKeys()
    {
        var config = PreprocessorConfig.Parse(
            """{"size": 224, "crop_size": 196, "resample": 3, "image_processor_type": "X", "longest": [1, 2], "image_mean": 0.5}""", "c.json");

        Assert.Equal(224, config.Size);
        Assert.Null(config.ShortestEdge);
        Assert.Equal((196, 196), (config.CropWidth, config.CropHeight));
        Assert.Equal([0.5f], config.ImageMean!);
        Assert.Null(config.DoCenterCrop);
    }

    [Fact]
    public void HeightWidthDictsAndNulls()
    {
        var config = PreprocessorConfig.Parse(
            """{"size": {"height": 30, "width": 40}, "crop_size": null, "do_normalize": false, "rescale_factor": 0.5,}""", "c.json");

        Assert.Equal((40, 30), (config.ResizeWidth, config.ResizeHeight));
        Assert.Null(config.CropWidth);
        Assert.False(config.DoNormalize);
        Assert.Equal(0.5f, config.RescaleFactor);
    }

    [Fact]
    public void NoFileMeansNoConfig()
    {
        Assert.Null(PreprocessorConfig.LoadBesideModel(TestModels.Model("identity-flatten.onnx")));
    }

    [Fact]
    public void MalformedJsonNamesTheFile()
    {
        string model = TestModels.CopyWithConfig("identity-flatten.onnx", """{"size": 224,""");
        string configPath = Path.Combine(Path.GetDirectoryName(model)!, "preprocessor_config.json");

        var ex = Assert.Throws<EmbeddingException>(() => OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = model }));

        Assert.Contains(configPath, ex.Message);
        Assert.Contains("not valid JSON", ex.Message);
    }

    [Theory]
    [InlineData("""{"size": "big"}""", "\"size\"")]
    [InlineData("""{"size": {"longest_edge": 5}}""", "\"size\"")]
    [InlineData("""{"crop_size": {"height": 5}}""", "\"crop_size\"")]
    [InlineData("""{"image_mean": [0.5, "x"]}""", "\"image_mean\"")]
    [InlineData("""{"do_resize": 1}""", "\"do_resize\"")]
    [InlineData("""[1, 2]""", "JSON object")]
    public void WrongTypesAreReportedWithKey(string json, string expected)
    {
        var ex = Assert.Throws<EmbeddingException>(() => PreprocessorConfig.Parse(json, "/models/x/preprocessor_config.json"));

        Assert.Contains("/models/x/preprocessor_config.json", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void ConfigValuesAreUsed()
    {
        string model = TestModels.CopyWithConfig("identity-flatten.onnx", """{"image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "rescale_factor": 0.002}""");
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = model, Normalize = false });

        float[] input = TestImages.Prepared(embedder, TestImages.Rgba(4, 4, (x, y) => (100, 100, 100, 255)));

        Assert.Equal(((100 * 0.002f) - 0.5f) / 0.5f, input[0], 5);
    }

    [Fact]
    public void SceneOverridesBeatTheConfig()
    {
        string model = TestModels.CopyWithConfig("identity-flatten.onnx", """{"image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "do_rescale": false}""");
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions
        {
            ModelPath = model, Normalize = false, Mean = [0.1f, 0.2f, 0.3f], RescaleFactor = 0.01f,
        });

        float[] input = TestImages.Prepared(embedder, TestImages.Rgba(4, 4, (x, y) => (100, 100, 100, 255)));

        // Mean and rescale come from the scene, std (not overridden) from the file.
        Assert.Equal((1f - 0.1f) / 0.5f, input[0], 5);
        Assert.Equal((1f - 0.3f) / 0.5f, input[32], 5);
    }

    [Fact]
    public void DoNormalizeFalseMeansNoMeanOrStd()
    {
        string model = TestModels.CopyWithConfig("identity-flatten.onnx", """{"do_normalize": false}""");
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = model, Normalize = false });

        float[] input = TestImages.Prepared(embedder, TestImages.Rgba(4, 4, (x, y) => (51, 102, 204, 255)));

        Assert.Equal(0.2f, input[0], 6);
        Assert.Equal(0.4f, input[16], 6);
        Assert.Equal(0.8f, input[32], 6);
    }
}
