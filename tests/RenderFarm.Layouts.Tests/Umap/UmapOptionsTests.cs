using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class UmapOptionsTests
{
    public static TheoryData<UmapOptions, string> BadOptions() => new()
    {
        { new UmapOptions { NNeighbors = 30 }, "n_neighbors (30) must be less than the number of points (20)" },
        { new UmapOptions { NNeighbors = 1 }, "n_neighbors (1) must be at least 2" },
        { new UmapOptions { NNeighbors = 12 }, "n_neighbors (12) needs a k-NN graph with at least 11 neighbours per point; it has 5" },
        { new UmapOptions { NNeighbors = 5, MinDist = -0.5f }, "min_dist (-0.5) must be at least 0" },
        { new UmapOptions { NNeighbors = 5, MinDist = 2f }, "min_dist (2) must not exceed spread (1)" },
        { new UmapOptions { NNeighbors = 5, Spread = 0f }, "spread (0) must be positive" },
        { new UmapOptions { NNeighbors = 5, Dims = 4 }, "dims (4) must be 2 or 3" },
        { new UmapOptions { NNeighbors = 5, Epochs = 0 }, "n_epochs (0) must be at least 1" },
        { new UmapOptions { NNeighbors = 5, LearningRate = 0f }, "learning_rate (0) must be positive" },
        { new UmapOptions { NNeighbors = 5, NegativeSampleRate = 0 }, "negative_sample_rate (0) must be at least 1" },
        { new UmapOptions { NNeighbors = 5, RepulsionStrength = -1f }, "repulsion_strength (-1) must be positive" },
        { new UmapOptions { NNeighbors = 5, Init = UmapInit.Given }, "init (given) needs initial_coordinates" },
        { new UmapOptions { NNeighbors = 5, Init = UmapInit.Given, InitialCoordinates = new float[10] }, "initial_coordinates has 10 values; 20 points × 2 dims need 40" },
        { new UmapOptions { NNeighbors = 5, Init = UmapInit.Pca }, "init (pca) needs the data matrix" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadParameter_ThrowsNamingIt(UmapOptions options, string message)
    {
        var error = Assert.Throws<LayoutException>(() => options.Validate(count: 20, k: 5));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        new UmapOptions().Validate(count: 100, k: 14);
    }

    [Fact]
    public void Fit_BadParameter_ThrowsBeforeWork()
    {
        var graph = BruteForceKnn.Build(Blobs.Make(2, 10, 3, 5, seed: 3).Data, 5);

        var error = Assert.Throws<LayoutException>(() => UmapLayout.Fit(graph, new UmapOptions { NNeighbors = 30 }));

        Assert.Equal("n_neighbors (30) must be less than the number of points (20)", error.Message);
    }

    [Theory]
    [InlineData(100, 500)]
    [InlineData(10_000, 500)]
    [InlineData(10_001, 200)]
    public void EpochsFor_Default_FollowsUmapRule(int count, int expected)
    {
        Assert.Equal(expected, new UmapOptions().EpochsFor(count));
    }
}
