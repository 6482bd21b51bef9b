using System.Globalization;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Umap;

/// <summary>
/// UMAP settings, named and defaulted as in umap-learn. <see cref="Validate"/> rejects values that
/// cannot work for the given data with a <see cref="LayoutException"/> naming the umap key.
/// </summary>
public sealed record UmapOptions
{
    /// <summary>Neighbourhood size k, counting the point itself as umap does (so k − 1 graph neighbours are used).</summary>
    public int NNeighbors { get; init; } = 15;

    /// <summary>How tightly points may pack: the distance below which the layout similarity is 1.</summary>
    public float MinDist { get; init; } = 0.1f;

    /// <summary>The scale over which the layout similarity decays beyond <see cref="MinDist"/>.</summary>
    public float Spread { get; init; } = 1f;

    /// <summary>Output dimensions: 2 or 3.</summary>
    public int Dims { get; init; } = 2;

    /// <summary>Optimisation epochs; null means umap's default, 500 up to 10,000 points and 200 above.</summary>
    public int? Epochs { get; init; }

    /// <summary>Initial SGD step, decaying linearly to 0.</summary>
    public float LearningRate { get; init; } = 1f;

    /// <summary>Negative samples per positive sample.</summary>
    public int NegativeSampleRate { get; init; } = 5;

    /// <summary>Weight of the repulsive term (umap's gamma).</summary>
    public float RepulsionStrength { get; init; } = 1f;

    /// <summary>Seed for initialisation noise and negative sampling.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// True: one thread and one seeded generator, so the same seed always gives the same layout
    /// (umap with random_state). False: lock-free parallel SGD, faster but not reproducible.
    /// </summary>
    public bool Deterministic { get; init; }

    public UmapInit Init { get; init; } = UmapInit.Spectral;

    /// <summary>
    /// For <see cref="UmapInit.Given"/>: N × <see cref="Dims"/> row-major starting coordinates. To
    /// refine a finished layout in place, pair it with a few epochs and a lower learning rate (0.25):
    /// restarting at 1 shakes a converged layout by several percent of its size.
    /// </summary>
    public float[]? InitialCoordinates { get; init; }

    /// <summary>The epochs a fit of <paramref name="count"/> points runs.</summary>
    public int EpochsFor(int count) => Epochs ?? (count <= 10_000 ? 500 : 200);

    /// <summary>Throws a <see cref="LayoutException"/> naming the first setting that cannot work for this graph (and data).</summary>
    /// <param name="count">Number of points N.</param>
    /// <param name="k">Neighbours per point in the k-NN graph (self excluded).</param>
    /// <param name="data">The N × D data, needed only for <see cref="UmapInit.Pca"/>.</param>
    public void Validate(int count, int k, Matrix? data = null)
    {
        Require(NNeighbors >= 2, $"n_neighbors ({Format(NNeighbors)}) must be at least 2");
        Require(NNeighbors < count, $"n_neighbors ({Format(NNeighbors)}) must be less than the number of points ({Format(count)})");
        Require(k >= NNeighbors - 1, $"n_neighbors ({Format(NNeighbors)}) needs a k-NN graph with at least {Format(NNeighbors - 1)} neighbours per point; it has {Format(k)}");
        Require(Spread > 0 && float.IsFinite(Spread), $"spread ({Format(Spread)}) must be positive");
        Require(MinDist >= 0, $"min_dist ({Format(MinDist)}) must be at least 0");
        Require(MinDist <= Spread, $"min_dist ({Format(MinDist)}) must not exceed spread ({Format(Spread)})");
        Require(Dims is 2 or 3, $"dims ({Format(Dims)}) must be 2 or 3");
        Require(Epochs is null or >= 1, $"n_epochs ({Format(Epochs ?? 0)}) must be at least 1");
        Require(LearningRate > 0 && float.IsFinite(LearningRate), $"learning_rate ({Format(LearningRate)}) must be positive");
        Require(NegativeSampleRate >= 1, $"negative_sample_rate ({Format(NegativeSampleRate)}) must be at least 1");
        Require(RepulsionStrength > 0 && float.IsFinite(RepulsionStrength), $"repulsion_strength ({Format(RepulsionStrength)}) must be positive");
        ValidateInit(count, data);
    }

    private void ValidateInit(int count, Matrix? data)
    {
        if (Init == UmapInit.Given)
        {
            Require(InitialCoordinates is not null, "init (given) needs initial_coordinates");
            long expected = (long)count * Dims;
            Require(InitialCoordinates!.Length == expected, $"initial_coordinates has {Format(InitialCoordinates.Length)} values; {Format(count)} points × {Format(Dims)} dims need {Format(expected)}");
            Require(InitialCoordinates.All(float.IsFinite), "initial_coordinates must all be finite");
        }
        else if (Init == UmapInit.Pca)
        {
            Require(data is not null, "init (pca) needs the data matrix");
            Require(data!.Rows == count, $"init (pca) data has {Format(data.Rows)} rows; the graph has {Format(count)} points");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new LayoutException(message);
        }
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);
}
