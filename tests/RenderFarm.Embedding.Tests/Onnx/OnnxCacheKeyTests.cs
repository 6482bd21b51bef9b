using System.Text;
using RenderFarm.Embedding.Onnx;

using RenderFarm.Core.Scenes;

namespace RenderFarm.Embedding.Tests.Onnx;

public class OnnxCacheKeyTests
{
    [Fact]
    public void SameModelAndSettingsGiveTheSameKey()
    {
        string copy = TestModels.CopyWithConfig("identity-flatten.onnx", null);

        string original = Key(new OnnxEmbedderOptions { ModelPath = TestModels.Model("identity-flatten.onnx") });
        string moved = Key(new OnnxEmbedderOptions { ModelPath = copy, BatchSize = 3, IntraOpThreads = 1 });

        // The path, batch size and thread count do not change the vectors, so they stay out of the key.
        Assert.Equal(original, moved);
    }

    [Fact]
    public void ModelBytesChangeTheKey()
    {
        string copy = TestModels.CopyWithConfig("identity-flatten.onnx", null);
        byte[] bytes = File.ReadAllBytes(copy);
        // Same length edit inside the producer name: still a valid model, different bytes.
        byte[] name = Encoding.ASCII.GetBytes("renderfarm-tests");
        int at = bytes.AsSpan().IndexOf(name);
        Assert.True(at >= 0);
        bytes[at] = (byte)'R';
        File.WriteAllBytes(copy, bytes);

        Assert.NotEqual(Key(new OnnxEmbedderOptions { ModelPath = TestModels.Model("identity-flatten.onnx") }), Key(new OnnxEmbedderOptions { ModelPath = copy }));
    }

    [Fact]
    public void ExternalWeightsFileChangesTheKey()
    {
        string copy = TestModels.CopyWithConfig("identity-flatten.onnx", null);
        string before = Key(new OnnxEmbedderOptions { ModelPath = copy });

        // The graph does not reference it, so ORT ignores it; the key must still follow it.
        File.WriteAllBytes(copy + ".data", [1, 2, 3]);

        Assert.NotEqual(before, Key(new OnnxEmbedderOptions { ModelPath = copy }));
    }

    [Fact]
    public void PreprocessingAndOutputChangeTheKey()
    {
        var baseline = new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip };
        string key = Key(baseline);

        Assert.NotEqual(key, Key(baseline with { Mean = [0.5f, 0.5f, 0.5f] }));
        Assert.NotEqual(key, Key(baseline with { Std = [0.5f, 0.5f, 0.5f] }));
        Assert.NotEqual(key, Key(baseline with { ImageSize = 20 }));
        Assert.NotEqual(key, Key(baseline with { CenterCrop = false }));
        Assert.NotEqual(key, Key(baseline with { ChannelOrder = ChannelOrder.Bgr }));
        Assert.NotEqual(key, Key(baseline with { RescaleFactor = 0.5f }));
        Assert.NotEqual(key, Key(baseline with { Normalize = false }));
        Assert.NotEqual(key, Key(baseline with { OutputName = "last_hidden_state" }));
        Assert.Equal(key, Key(baseline with { ChannelOrder = ChannelOrder.Rgb, ImageSize = 16 }));
    }

    [Fact]
    public void ConfigFileChangesTheKey()
    {
        string plain = TestModels.CopyWithConfig("identity-flatten.onnx", null);
        string configured = TestModels.CopyWithConfig("identity-flatten.onnx", """{"image_std": [0.5, 0.5, 0.5]}""");

        Assert.NotEqual(Key(new OnnxEmbedderOptions { ModelPath = plain }), Key(new OnnxEmbedderOptions { ModelPath = configured }));
    }

    private static string Key(OnnxEmbedderOptions options)
    {
        using var embedder = OnnxEmbedder.Open(options);
        return embedder.CacheKey;
    }
}
