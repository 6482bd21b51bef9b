using RenderFarm.Embedding.Onnx;

namespace RenderFarm.Embedding.Tests.Onnx;

/// <summary>Every user error surfaces at Open as an <see cref="EmbeddingException"/> that says what to fix.</summary>
public class OnnxEmbedderErrorTests
{
    [Fact]
    public void MissingModelNamesThePath()
    {
        string path = Path.Combine(TestModels.Dir, "no-such-model.onnx");

        var ex = Open(new OnnxEmbedderOptions { ModelPath = path });

        Assert.Contains("not found", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void InvalidFileNamesThePathAndOrtReason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"renderfarm-garbage-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "this is not a protobuf");
        try
        {
            var ex = Open(new OnnxEmbedderOptions { ModelPath = path });

            Assert.Contains("Cannot load ONNX model", ex.Message);
            Assert.Contains(path, ex.Message);
            Assert.True(ex.Message.Length > ex.Message.IndexOf(": ", StringComparison.Ordinal) + 10, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InputOfWrongRank()
    {
        var ex = Open(Options("bad-rank.onnx"));

        Assert.Contains("must be 4-D", ex.Message);
        Assert.Contains("[batch, 10]", ex.Message);
    }

    [Fact]
    public void FullClipNeedsTheVisionEncoderOnly()
    {
        var ex = Open(Options("two-inputs.onnx"));

        Assert.Contains("input_ids", ex.Message);
        Assert.Contains("export the vision encoder only", ex.Message);
    }

    [Fact]
    public void ChannelsMustBeOneOrThree()
    {
        var ex = Open(Options("bad-channels.onnx"));

        Assert.Contains("1 or 3 channels", ex.Message);
        Assert.Contains("[batch, 5, 4, 4]", ex.Message);
    }

    [Fact]
    public void AmbiguousOutputsAreListed()
    {
        var ex = Open(Options("ambiguous-outputs.onnx"));

        Assert.Contains("'a' float [batch, 3, 16]", ex.Message);
        Assert.Contains("'b'", ex.Message);
        Assert.Contains("'c'", ex.Message);
        Assert.Contains("output name", ex.Message);
    }

    [Fact]
    public void ChosenOutputOfUnsupportedRank()
    {
        var ex = Open(Options("ambiguous-outputs.onnx") with { OutputName = "c" });

        Assert.Contains("'c'", ex.Message);
        Assert.Contains("supported are", ex.Message);
    }

    [Fact]
    public void ChosenOutputAmongSeveralWorks()
    {
        using var embedder = OnnxEmbedder.Open(Options("ambiguous-outputs.onnx") with { OutputName = "a" });

        Assert.Equal(16, embedder.Dimension);
    }

    [Fact]
    public void UnknownInputOrOutputName()
    {
        var input = Open(Options("identity-flatten.onnx") with { InputName = "images" });
        var output = Open(Options("identity-flatten.onnx") with { OutputName = "embeds" });

        Assert.Contains("no input 'images'", input.Message);
        Assert.Contains("'input' float [batch, 3, 4, 4]", input.Message);
        Assert.Contains("no output 'embeds'", output.Message);
        Assert.Contains("'output'", output.Message);
    }

    [Fact]
    public void DynamicSizeWithoutAnySetting()
    {
        var ex = Open(Options("dynamic-size.onnx"));

        Assert.Contains("no fixed height/width", ex.Message);
        Assert.Contains("preprocessor_config.json", ex.Message);
    }

    [Fact]
    public void CropThatDisagreesWithTheModel()
    {
        var ex = Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip, CropSize = 8 });

        Assert.Contains("8x8", ex.Message);
        Assert.Contains("16x16", ex.Message);
        Assert.Contains("does not match", ex.Message);
    }

    [Fact]
    public void BadMeanAndStd()
    {
        var mean = Open(Options("identity-flatten.onnx") with { Mean = [0.1f, 0.2f] });
        var std = Open(Options("identity-flatten.onnx") with { Std = [0.5f, 0f, 0.5f] });

        Assert.Contains("mean", mean.Message);
        Assert.Contains("1 or 3 values", mean.Message);
        Assert.Contains("positive", std.Message);
    }

    [Fact]
    public void NonPositiveSettings()
    {
        Assert.Contains("batch size", Open(Options("identity-flatten.onnx") with { BatchSize = 0 }).Message);
        Assert.Contains("image size", Open(Options("identity-flatten.onnx") with { ImageSize = -1 }).Message);
        Assert.Contains("model path", Open(new OnnxEmbedderOptions { ModelPath = " " }).Message);
    }

    private static OnnxEmbedderOptions Options(string model) => new() { ModelPath = TestModels.Model(model) };

    private static EmbeddingException Open(OnnxEmbedderOptions options) =>
        Assert.Throws<EmbeddingException>(() => OnnxEmbedder.Open(options).Dispose());
}
