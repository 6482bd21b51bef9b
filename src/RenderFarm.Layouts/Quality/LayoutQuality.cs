using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Quality;

/// <summary>
/// Sampled layout-quality metrics: trustworthiness and k-NN recall of a seeded sample of points
/// scored exactly against all N points (cost sample × N distances in each space), and k-NN
/// classification accuracy by stratified cross-validation on the sample's layout coordinates,
/// the protocol of the peer scripts (5-fold, KNeighborsClassifier(10), 5,000 points).
/// </summary>
public static class LayoutQuality
{
    public const int DefaultSampleSize = 5000;
    public const int DefaultNeighbors = 15;
    public const int DefaultClassifierNeighbors = 10;
    public const int DefaultFolds = 5;

    /// <summary>Whether <paramref name="points"/> are enough for trustworthiness at <paramref name="neighbors"/> (scikit-learn's bound: k below N/2).</summary>
    public static bool CanMeasure(int points, int neighbors = DefaultNeighbors) => neighbors >= 1 && neighbors < points / 2.0;

    /// <summary>
    /// Scores <paramref name="layout"/> (N × 2 or 3) against <paramref name="data"/> (N × D, the
    /// space the layout was made from), with classification accuracy when
    /// <paramref name="labels"/> are given.
    /// </summary>
    /// <remarks>
    /// Trustworthiness follows scikit-learn's formula with N the full point count and the sum over
    /// the sample: T = 1 − 2/(s·k·(2N − 3k − 1)) · Σ_sample Σ_{j ∈ layout k-NN} max(0, r(i, j) − k).
    /// With the whole data as the sample it equals sklearn.manifold.trustworthiness (up to the order
    /// of near-exact distance ties, which float rounding may swap).
    /// </remarks>
    /// <exception cref="LayoutException">Shapes differ, neighbors not below N/2, or another parameter out of range.</exception>
    public static QualityReport Evaluate(
        Matrix data,
        Matrix layout,
        int[]? labels,
        int seed = 0,
        int sampleSize = DefaultSampleSize,
        int neighbors = DefaultNeighbors,
        int classifierNeighbors = DefaultClassifierNeighbors,
        int folds = DefaultFolds) =>
        EvaluateMany(data, [layout], labels, seed, sampleSize, neighbors, classifierNeighbors, folds)[0];

    /// <summary>
    /// <see cref="Evaluate"/> for several layouts of the same data, on one sample: the data-space
    /// distances, nearly all of the cost for wide embeddings, are computed once for all of them.
    /// </summary>
    /// <exception cref="LayoutException">As <see cref="Evaluate"/>, for any of the layouts.</exception>
    public static IReadOnlyList<QualityReport> EvaluateMany(
        Matrix data,
        IReadOnlyList<Matrix> layouts,
        int[]? labels,
        int seed = 0,
        int sampleSize = DefaultSampleSize,
        int neighbors = DefaultNeighbors,
        int classifierNeighbors = DefaultClassifierNeighbors,
        int folds = DefaultFolds)
    {
        int n = data.Rows;
        foreach (Matrix layout in layouts)
        {
            Validate(data, layout, labels, sampleSize, neighbors);
        }

        int[] sample = Sampling.WithoutReplacement(n, sampleSize, seed);
        if (labels is not null)
        {
            CheckClassifier(sample.Length, classifierNeighbors, folds);
        }

        (long[] Penalties, int[] Shared)[] scores = NeighborhoodScores.Compute(data, layouts, sample, neighbors);
        double scale = 2.0 / (sample.Length * (double)neighbors * ((2.0 * n) - (3.0 * neighbors) - 1.0));
        return layouts.Select((layout, l) => new QualityReport(
            1.0 - (scale * scores[l].Penalties.Sum()),
            scores[l].Shared.Average() / neighbors,
            labels is null ? null : Accuracy(layout, labels, sample, classifierNeighbors, folds),
            sample.Length,
            neighbors,
            classifierNeighbors,
            folds)).ToArray();
    }

    private static void CheckClassifier(int sampleLength, int classifierNeighbors, int folds)
    {
        if (folds < 2 || folds > sampleLength)
        {
            throw new LayoutException($"folds must be between 2 and the sample size {sampleLength}, got {folds}.");
        }

        int smallestTrain = sampleLength - ((sampleLength + folds - 1) / folds);
        if (classifierNeighbors < 1 || classifierNeighbors > smallestTrain)
        {
            throw new LayoutException($"classifierNeighbors must be between 1 and {smallestTrain} (the training points of a fold), got {classifierNeighbors}.");
        }
    }

    private static double Accuracy(Matrix layout, int[] labels, int[] sample, int classifierNeighbors, int folds)
    {
        var points = new Matrix(sample.Length, layout.Columns);
        for (int s = 0; s < sample.Length; s++)
        {
            layout.Row(sample[s]).CopyTo(points.Row(s));
        }

        return KnnClassifier.CrossValidatedAccuracy(points, sample.Select(i => labels[i]).ToArray(), classifierNeighbors, folds);
    }

    private static void Validate(Matrix data, Matrix layout, int[]? labels, int sampleSize, int neighbors)
    {
        int n = data.Rows;
        if (layout.Rows != n)
        {
            throw new LayoutException($"layout has {layout.Rows} rows but data has {n}: they must be the same points.");
        }

        if (labels is not null && labels.Length != n)
        {
            throw new LayoutException($"labels has {labels.Length} entries for {n} points.");
        }

        if (sampleSize < 1)
        {
            throw new LayoutException($"sampleSize must be at least 1, got {sampleSize}.");
        }

        // scikit-learn's bound: beyond N/2 the normalisation 2N − 3k − 1 stops being the worst case.
        if (!CanMeasure(n, neighbors))
        {
            throw new LayoutException($"neighbors must be at least 1 and below half the {n} points, got {neighbors}.");
        }
    }
}
