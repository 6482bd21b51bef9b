using RenderFarm.Core;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using SkiaSharp;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>Unusable images are skipped one by one, with the reason and path in the report; a run needs one good image.</summary>
public sealed class BadImagePipelineTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static readonly (string Kind, string Reason)[] Kinds =
    [
        ("corrupt", "corrupt"),
        ("truncated", "truncated"),
        ("empty", "empty"),
        ("text", "not-an-image"),
        ("huge", "too-large"),
    ];

    public static TheoryData<string, string> BadFiles
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach ((string kind, string reason) in Kinds)
            {
                data.Add(kind, reason);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Run_OneBadImage_SkipsItWithReasonAndEmbedsTheRest(string kind, string reason)
    {
        for (int i = 0; i < 3; i++)
        {
            _workspace.WriteData($"good/{i}.png", SampleImages.Png(i, size: 8));
        }

        string bad = _workspace.WriteData("bad/photo.jpg", Bad(kind));
        Scene scene = _workspace.Scene("name: mixed\ndataset: {kind: image-folder, path: data, max_pixels: 5000}\n");

        EmbedResult result = _workspace.Run(scene);

        EmbedReport report = _workspace.ReadReport(scene);
        SkippedItem skipped = Assert.Single(report.Skipped);
        Assert.Equal(("bad/photo.jpg", bad, reason), (skipped.Id, skipped.Path, skipped.Reason));
        Assert.False(string.IsNullOrWhiteSpace(skipped.Detail));
        Assert.Equal(["good/0.png", "good/1.png", "good/2.png"], result.Items.Select(i => i.Id));
        Assert.Equal((3, 1, 3), (report.Counts.Embedded, report.Counts.Skipped, _workspace.ReadEmbeddings(scene).Rows));
    }

    [Fact]
    public void Run_EveryKindOfBadImageAtOnce_ListsEachWithItsReason()
    {
        _workspace.WriteData("good.png", SampleImages.Png(7, size: 8));
        foreach ((string kind, _) in Kinds)
        {
            _workspace.WriteData($"{kind}.jpg", Bad(kind));
        }

        Scene scene = _workspace.Scene("dataset: {kind: image-folder, path: data, max_pixels: 5000}\n");

        _workspace.Run(scene);

        EmbedReport report = _workspace.ReadReport(scene);
        Assert.Equal(
            Kinds.Select(k => ($"{k.Kind}.jpg", k.Reason)).OrderBy(p => p.Item1, StringComparer.Ordinal),
            report.Skipped.Select(s => (s.Id, s.Reason)).OrderBy(p => p.Id, StringComparer.Ordinal));
        Assert.Equal(1, report.Counts.Embedded);
    }

    [Fact]
    public void Run_AllImagesBad_ThrowsButWritesTheFailedReportAndNoEmbeddings()
    {
        _workspace.WriteData("a.jpg", Bad("empty"));
        _workspace.WriteData("b.jpg", Bad("text"));
        Scene scene = _workspace.Scene("name: hopeless\ndataset: {kind: image-folder, path: data}\n");

        var error = Assert.Throws<RenderFarmException>(() => _workspace.Run(scene));

        Assert.Contains("Nothing usable is left", error.Message, StringComparison.Ordinal);
        Assert.Contains("all 2 item(s) were skipped", error.Message, StringComparison.Ordinal);
        Assert.Contains(EmbedOutputs.FailedReportFile, error.Message, StringComparison.Ordinal);
        EmbedReport report = EmbedReport.Read(_workspace.Output(scene, EmbedOutputs.FailedReportFile));
        Assert.Equal(["empty", "not-an-image"], report.Skipped.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Reason));
        Assert.Equal(0, report.Counts.Embedded);
        Assert.False(File.Exists(_workspace.Output(scene, EmbedOutputs.ReportFile)));
        Assert.False(File.Exists(_workspace.Output(scene, EmbedOutputs.EmbeddingsFile)));
        Assert.False(File.Exists(_workspace.Output(scene, EmbedOutputs.ItemsFile)));
    }

    [Fact]
    public void Run_AllImagesBadAfterAGoodRun_LeavesThePreviousOutputsUntouched()
    {
        _workspace.WriteData("a.png", SampleImages.Solid(new SKColor(200, 10, 10), size: 8));
        Scene scene = _workspace.Scene("name: spoiled\ndataset: {kind: image-folder, path: data}\n");
        _workspace.Run(scene);
        string[] files = [EmbedOutputs.EmbeddingsFile, EmbedOutputs.ItemsFile, EmbedOutputs.ReportFile];
        byte[][] before = files.Select(f => File.ReadAllBytes(_workspace.Output(scene, f))).ToArray();

        _workspace.WriteData("a.png", Bad("corrupt"));
        Assert.Throws<RenderFarmException>(() => _workspace.Run(scene));

        Assert.Equal(before, files.Select(f => File.ReadAllBytes(_workspace.Output(scene, f))).ToArray());
        Assert.True(File.Exists(_workspace.Output(scene, EmbedOutputs.FailedReportFile)));
    }

    private static byte[] Bad(string kind) => kind switch
    {
        "corrupt" => SampleImages.CorruptPng(),
        "truncated" => SampleImages.TruncatedPng(),
        "empty" => [],
        "text" => SampleImages.TextFile(),
        // Over the scenes' max_pixels of 5000, which every other image here stays under (64x64 at most).
        "huge" => SampleImages.Solid(new SKColor(10, 20, 30), size: 80),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
