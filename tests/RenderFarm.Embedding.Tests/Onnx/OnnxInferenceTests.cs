using RenderFarm.Embedding.Onnx;

namespace RenderFarm.Embedding.Tests.Onnx;

public class OnnxInferenceTests
{
    [Fact]
    public void BatchOfFiveEqualsFiveSingleCalls()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip });
        var images = Enumerable.Range(0, 5).Select(i => TestImages.Pattern(16 + (i * 7), 30 - (i * 3), i)).ToArray();

        float[] batch = TestImages.Embed(embedder, images);

        for (int i = 0; i < 5; i++)
        {
            float[] single = TestImages.Embed(embedder, images[i]);
            for (int d = 0; d < 8; d++)
            {
                Assert.Equal(single[d], batch[(i * 8) + d], 5);
            }
        }
    }

    [Fact]
    public void StaticBatchOfOneRunsImagesOneByOne()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.Model("static-batch.onnx"), Normalize = false });
        var images = Enumerable.Range(0, 3).Select(i => TestImages.Pattern(4, 4, i)).ToArray();

        float[] batch = TestImages.Embed(embedder, images);

        Assert.Equal(1, embedder.BatchSize);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(TestImages.Prepared(embedder, images[i]), batch.AsSpan(i * 48, 48).ToArray());
        }
    }

    [Fact]
    public void ConstantImageEmbedsDeterministically()
    {
        var gray = TestImages.Rgba(50, 40, (x, y) => (128, 128, 128, 255));
        float[] first;
        using (var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip }))
        {
            first = TestImages.Embed(embedder, gray);
            Assert.Equal(first, TestImages.Embed(embedder, gray));
        }

        using var reopened = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip, IntraOpThreads = 1 });
        float[] second = TestImages.Embed(reopened, gray);

        Assert.All(first, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(first, v => v != 0);
        for (int d = 0; d < first.Length; d++)
        {
            Assert.Equal(first[d], second[d], 6);
        }
    }

    [Fact]
    public void ZeroImagesIsANoOp()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip });

        embedder.Infer([], 0, []);
    }

    [Fact]
    public void PrepareIsThreadSafe()
    {
        using var embedder = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip });
        var images = Enumerable.Range(0, 16).Select(i => TestImages.Pattern(33, 21, i)).ToArray();
        float[][] serial = images.Select(i => TestImages.Prepared(embedder, i)).ToArray();

        var parallel = new float[16][];
        Parallel.For(0, 16, i => parallel[i] = TestImages.Prepared(embedder, images[i]));

        Assert.Equal(serial, parallel);
    }
}
