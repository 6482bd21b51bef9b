using System.Numerics.Tensors;
using RenderFarm.Core;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Onnx;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.Embedding.Tests.Onnx;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>An ONNX image encoder through the whole pipeline, with the committed tiny test models.</summary>
public sealed class OnnxPipelineTests : IDisposable
{
    private const int Count = 6;
    private readonly PipelineWorkspace _workspace = new();

    public OnnxPipelineTests()
    {
        for (int i = 0; i < Count; i++)
        {
            _workspace.WriteData(i % 2 == 0 ? $"a/{i}.png" : $"b/{i}.jpg", i % 2 == 0 ? SampleImages.Png(i, size: 20) : SampleImages.Jpeg(i, size: 20));
        }
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Run_TinyClip_WritesUnitVectorsOfTheModelsDimension()
    {
        int dimension;
        using (var model = OnnxEmbedder.Open(new OnnxEmbedderOptions { ModelPath = TestModels.TinyClip }))
        {
            dimension = model.Dimension;
        }

        Scene scene = OnnxScene(TestModels.TinyClip);

        EmbedResult result = _workspace.Run(scene);

        var embeddings = _workspace.ReadEmbeddings(scene);
        Assert.Equal((Count, dimension), (embeddings.Rows, embeddings.Columns));
        for (int row = 0; row < Count; row++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(embeddings.Row(row)), 1e-5f);
        }

        EmbedReport report = _workspace.ReadReport(scene);
        Assert.Equal(dimension, report.Dimension);
        Assert.StartsWith("onnx:", report.CacheKey, StringComparison.Ordinal);
        Assert.Equal((Count, Count, 0), (report.Counts.Embedded, report.Counts.New, report.Counts.Cached));
        Assert.Equal(result.Vectors.Data, embeddings.Data);
    }

    [Fact]
    public void Run_SecondRunThenPixels_CachedThenEmbeddedAgainUnderAnotherKey()
    {
        Scene onnx = OnnxScene(TestModels.TinyClip);
        float[] first = _workspace.Run(onnx).Vectors.Data;

        EmbedResult second = _workspace.Run(onnx);

        EmbedReport again = _workspace.ReadReport(onnx);
        Assert.Equal((0, Count), (again.Counts.New, again.Counts.Cached));
        Assert.Equal(first, second.Vectors.Data);

        Scene pixels = _workspace.Scene("name: gallery\ndataset: {kind: image-folder, path: data}\nembedder: {kind: pixels}\n");
        _workspace.Run(pixels);

        EmbedReport switched = _workspace.ReadReport(pixels);
        Assert.Equal((Count, 0), (switched.Counts.New, switched.Counts.Cached));
        Assert.NotEqual(again.CacheKey, switched.CacheKey);
        Assert.Equal(2, _workspace.ChunkFiles().Select(Path.GetDirectoryName).Distinct().Count());
    }

    [Fact]
    public void Run_WrongShapedModel_ThrowsBeforeDecodingAnyImage()
    {
        // Decoding this would skip it and, with the run finishing, write a report listing it.
        _workspace.WriteData("a/broken.jpg", SampleImages.TextFile());
        Scene scene = OnnxScene(TestModels.Model("bad-rank.onnx"));

        var error = Assert.Throws<EmbeddingException>(() => _workspace.Run(scene));

        Assert.IsAssignableFrom<RenderFarmException>(error);
        Assert.Contains("must be 4-D", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Output(scene, EmbedOutputs.ReportFile)));
        Assert.False(Directory.Exists(Path.Combine(_workspace.OutputRoot, scene.Name)));
        Assert.Empty(_workspace.ChunkFiles());
    }

    private Scene OnnxScene(string model) =>
        _workspace.Scene($"name: gallery\ndataset: {{kind: image-folder, path: data}}\nembedder: {{kind: onnx, model: '{model}'}}\n");
}
