using System.Globalization;
using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// t-SNE settings, defaulted as in openTSNE. <see cref="Validate"/> rejects values that cannot work
/// for the data with a <see cref="LayoutException"/> naming the key.
/// </summary>
public sealed record TsneOptions
{
    /// <summary>Effective number of neighbours each point's Gaussian covers; 3·perplexity neighbours are searched.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Output dimensions: 2 (FFT-interpolated repulsion) or 3 (Barnes-Hut).</summary>
    public int Dims { get; init; } = 2;

    /// <summary>Iterations after early exaggeration.</summary>
    public int Iterations { get; init; } = 500;

    /// <summary>Factor on P during the first phase, which lets clusters form before they settle.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    public int EarlyExaggerationIterations { get; init; } = 250;

    /// <summary>Step size; null means openTSNE's "auto": max(N / exaggeration, 200) in each phase.</summary>
    public double? LearningRate { get; init; }

    public DistanceMetric Metric { get; init; } = DistanceMetric.Euclidean;

    /// <summary>Seed for the neighbour search and the PCA or random initialisation.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>True: the neighbour search runs reproducibly; the optimisation always is.</summary>
    public bool Deterministic { get; init; }

    public TsneInit Init { get; init; } = TsneInit.Pca;

    /// <summary>For <see cref="TsneInit.Given"/>: N × <see cref="Dims"/> row-major starting coordinates.</summary>
    public float[]? InitialCoordinates { get; init; }

    /// <summary>Barnes-Hut opening angle for 3-D: a cell counts as one body when side/distance is below it.</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Neighbours searched per point: 3·perplexity, as openTSNE and scikit-learn do.</summary>
    public int NeighborsFor(int count) => Math.Min(count - 1, (int)(3 * Perplexity));

    /// <summary>The step size of a phase with the given exaggeration.</summary>
    public double LearningRateFor(int count, double exaggeration) => LearningRate ?? Math.Max(count / exaggeration, 200);

    /// <summary>Throws a <see cref="LayoutException"/> naming the first setting that cannot work for N points.</summary>
    public void Validate(int count)
    {
        Require(count >= 3, $"t-SNE needs at least 3 points, got {Format(count)}");
        Require(Perplexity > 0 && double.IsFinite(Perplexity), $"perplexity ({Format(Perplexity)}) must be positive");
        Require(3 * Perplexity < count, $"perplexity ({Format(Perplexity)}) is too large for {Format(count)} points: 3·perplexity must be less than N");
        Require(Dims is 2 or 3, $"dims ({Format(Dims)}) must be 2 or 3");
        Require(Iterations >= 0, $"n_iter ({Format(Iterations)}) must be at least 0");
        Require(EarlyExaggeration > 0 && double.IsFinite(EarlyExaggeration), $"early_exaggeration ({Format(EarlyExaggeration)}) must be positive");
        Require(EarlyExaggerationIterations >= 0, $"early_exaggeration_iter ({Format(EarlyExaggerationIterations)}) must be at least 0");
        Require(LearningRate is null || (LearningRate > 0 && double.IsFinite(LearningRate.Value)), $"learning_rate ({Format(LearningRate ?? 0)}) must be positive");
        Require(Theta >= 0 && Theta <= 1, $"theta ({Format(Theta)}) must be between 0 and 1");
        if (Init == TsneInit.Given)
        {
            Require(InitialCoordinates is not null, "init (given) needs initial_coordinates");
            long expected = (long)count * Dims;
            Require(InitialCoordinates!.Length == expected, $"initial_coordinates has {Format(InitialCoordinates.Length)} values; {Format(count)} points × {Format(Dims)} dims need {Format(expected)}");
            Require(InitialCoordinates.All(float.IsFinite), "initial_coordinates must all be finite");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new LayoutException(message);
        }
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
