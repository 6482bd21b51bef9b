using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class UmapLayoutBehaviourTests
{
    private static readonly Lazy<(KnnGraph Graph, int[] Labels)> SmallBlobs = new(() =>
    {
        var (data, labels) = Blobs.Make(4, 150, 8, 6, seed: 1);
        return (BruteForceKnn.Build(data, 15), labels);
    });

    [Fact]
    public void Fit_DeterministicSameSeed_IdenticalLayouts()
    {
        var options = new UmapOptions { Deterministic = true, Seed = 7, Epochs = 60 };

        float[] first = UmapLayout.Fit(SmallBlobs.Value.Graph, options);
        float[] second = UmapLayout.Fit(SmallBlobs.Value.Graph, options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Fit_DeterministicOtherSeed_DifferentLayout()
    {
        var options = new UmapOptions { Deterministic = true, Seed = 7, Epochs = 60 };

        float[] first = UmapLayout.Fit(SmallBlobs.Value.Graph, options);
        float[] other = UmapLayout.Fit(SmallBlobs.Value.Graph, options with { Seed = 8 });

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Fit_TwoDisconnectedComponents_LaysOutBothWithoutNaN()
    {
        var (data, labels) = Blobs.Make(2, 200, 10, 100, seed: 2);
        KnnGraph graph = BruteForceKnn.Build(data, 15);

        float[] layout = UmapLayout.Fit(graph, new UmapOptions { Epochs = 200 });

        Assert.DoesNotContain(layout, c => !float.IsFinite(c));
        Assert.Equal(1.0, LayoutQuality.KnnAccuracy(layout, 2, labels, 10));
    }

    [Fact]
    public void Fit_CallbackEveryTenEpochs_CapturesSnapshots()
    {
        var snapshots = new List<(int Epoch, float[] Coordinates)>();

        UmapLayout.Fit(SmallBlobs.Value.Graph, new UmapOptions { Epochs = 50 }, (epoch, coordinates) =>
        {
            if (epoch % 10 == 0)
            {
                snapshots.Add((epoch, coordinates.ToArray()));
            }

            return true;
        });

        Assert.Equal([10, 20, 30, 40, 50], snapshots.Select(s => s.Epoch));
        Assert.All(snapshots, s => Assert.Equal(SmallBlobs.Value.Labels.Length * 2, s.Coordinates.Length));
    }

    [Fact]
    public void Fit_CallbackReturnsFalse_StopsAndReturnsThatLayout()
    {
        int calls = 0;
        float[]? atStop = null;

        float[] layout = UmapLayout.Fit(SmallBlobs.Value.Graph, new UmapOptions { Epochs = 100 }, (epoch, coordinates) =>
        {
            calls++;
            atStop = coordinates.ToArray();
            return epoch < 7;
        });

        Assert.Equal(7, calls);
        Assert.Equal(atStop, layout);
    }
}
