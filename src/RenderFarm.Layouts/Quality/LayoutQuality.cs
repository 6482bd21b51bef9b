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
        int folds = DefaultFolds)
    {
        int n = data.Rows;
        Validate(data, layout, labels, sampleSize, neighbors);
        int[] sample = Sampling.WithoutReplacement(n, sampleSize, seed);
        (long[] penalties, int[] shared) = NeighborhoodScores.Compute(data, layout, sample, neighbors);
        double scale = 2.0 / (sample.Length * (double)neighbors * ((2.0 * n) - (3.0 * neighbors) - 1.0));
        double trust = 1.0 - (scale * penalties.Sum());
        double recall = shared.Average() / neighbors;

        double? accuracy = null;
        if (labels is not null)
        {
            if (folds < 2 || folds > sample.Length)
            {
                throw new LayoutException($"folds must be between 2 and the sample size {sample.Length}, got {folds}.");
            }

            int smallestTrain = sample.Length - ((sample.Length + folds - 1) / folds);
            if (classifierNeighbors < 1 || classifierNeighbors > smallestTrain)
            {
                throw new LayoutException($"classifierNeighbors must be between 1 and {smallestTrain} (the training points of a fold), got {classifierNeighbors}.");
            }

            var points = new Matrix(sample.Length, layout.Columns);
            for (int s = 0; s < sample.Length; s++)
            {
                layout.Row(sample[s]).CopyTo(points.Row(s));
            }

            accuracy = KnnClassifier.CrossValidatedAccuracy(points, sample.Select(i => labels[i]).ToArray(), classifierNeighbors, folds);
        }

        return new QualityReport(trust, recall, accuracy, sample.Length, neighbors, classifierNeighbors, folds);
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
        if (neighbors < 1 || neighbors >= n / 2.0)
        {
            throw new LayoutException($"neighbors must be at least 1 and below half the {n} points, got {neighbors}.");
        }
    }
}
