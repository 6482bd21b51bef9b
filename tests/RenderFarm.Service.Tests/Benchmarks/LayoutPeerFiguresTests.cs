using RenderFarm.Service.Benchmarks;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Benchmarks;

/// <summary>Reading the peer scripts' out/ files and turning them into ratios, on hand-written files.</summary>
public sealed class LayoutPeerFiguresTests : IDisposable
{
    private const string TimeReport = """
        	Command being timed: "/usr/bin/python3 run_umap.py 10000 seed --fits 2"
        	Percent of CPU this job got: 97%
        	Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50
        	Maximum resident set size (kbytes): 2097152
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadUmap_TwoFits_OneShotWallLeavesOutTheSecondFit()
    {
        _dir.Write("umap_seed_10000.json", """{"name": "umap_seed_10000", "fit_s": [20.0, 10.0], "total_s": 40.0}""");
        _dir.Write("umap_seed_10000.time", TimeReport);
        _dir.Write("umap_seed_10000.quality.json", """{"trustworthiness_15": 0.9778, "knn10_acc": 0.7614}""");

        UmapPeer peer = LayoutPeerFigures.ReadUmap(_dir.Path, "umap_seed_10000", "umap-learn", 10_000);

        Assert.Equal((20.0, 10.0), (peer.FitCold, peer.FitWarm));
        Assert.Equal(52.5, peer.OneShotWall, 6);
        Assert.Equal(2048, peer.PeakMib);
        Assert.Equal((0.9778, 0.7614), (peer.Trustworthiness, peer.KnnAccuracy));
        Assert.False(peer.FromResultsFile);
    }

    [Fact]
    public void Checks_PeerOfThisRun_GivesRatios_ResultsFileGivesNone()
    {
        LayoutBenchRow total = new("umap-total-70000", "UMAP 70,000", 70_000, 15, 1, 1500, 0.975, 0.77, null, "");
        var measured = new LayoutPeerFigures();
        measured.UmapLearn[70_000] = new UmapPeer("umap-learn", 70_000, 50, 40, 60, 1900, 0.9746, 0.7628, false);

        LayoutBenchRow mine = LayoutBenchChecks.Attach([total], measured)[0];
        LayoutBenchRow oriented = LayoutBenchChecks.Attach([total], LayoutPeerFigures.FromResultsFile("test"))[0];

        LayoutBenchCheck warm = mine.Checks.First(c => c.What.Contains("warm", StringComparison.Ordinal));
        Assert.Equal(0.375, warm.Ratio);
        Assert.True(warm.Met);
        Assert.All(mine.Checks.Where(c => c.What.StartsWith("T(15)", StringComparison.Ordinal)), c => Assert.True(c.Met));
        Assert.All(oriented.Checks.Where(c => c.Reference is not null), c => Assert.Null(c.Ratio));
        Assert.All(oriented.Checks.Where(c => c.Reference is not null), c => Assert.Null(c.Met));
    }

    [Fact]
    public void Checks_OurLayoutScoredByQualityPy_CompareThoseFigures()
    {
        // Our own scorer's figures (another sample) would miss both targets; quality.py's meet them.
        LayoutBenchRow total = new("umap-total-70000", "UMAP 70,000", 70_000, 15, 1, 1500, 0.960, 0.750, null, "");
        var measured = new LayoutPeerFigures();
        measured.UmapLearn[70_000] = new UmapPeer("umap-learn", 70_000, 50, 40, 60, 1900, 0.9746, 0.7668, false);
        LayoutBenchRow unscored = LayoutBenchChecks.Attach([total], measured)[0];
        measured.OursByPeerScript["umap-total-70000"] = (0.9753, 0.7676);

        LayoutBenchRow scored = LayoutBenchChecks.Attach([total], measured)[0];

        LayoutBenchCheck[] quality = scored.Checks.Where(c => c.What.Contains("− 0.005", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, quality.Length);
        Assert.All(quality, c => Assert.True(c.Met));
        Assert.All(quality, c => Assert.Contains("quality.py", c.What, StringComparison.Ordinal));
        Assert.Equal([0.9753, 0.7676], quality.Select(c => c.Ours));
        Assert.All(unscored.Checks.Where(c => c.What.Contains("− 0.005", StringComparison.Ordinal)), c => Assert.False(c.Met));
    }
}
