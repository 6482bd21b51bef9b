using System.Globalization;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The input similarities P: Gaussian conditional probabilities over each point's 3·perplexity
/// nearest neighbours (the rest are negligible at that bandwidth), calibrated to the perplexity.
/// </summary>
public static class TsneAffinities
{
    /// <summary>The symmetric joint P = (P + Pᵀ)/(2N) of the data: N × N, summing to 1.</summary>
    public static SparseAffinities Joint(Matrix data, TsneOptions options, CancellationToken ct = default)
    {
        options.Validate(data.Rows);
        int k = options.NeighborsFor(data.Rows);
        KnnGraph graph = TsneNeighbors.Build(data, k, options.Metric, options.Seed, options.Deterministic, ct);
        double[] conditional = PerplexityCalibration.Conditional(graph.Distances, graph.Indices, k, options.Perplexity);
        return SparseAffinities.Symmetrise(graph.Indices, conditional, k);
    }

    /// <summary>
    /// Each new point's conditional distribution over its nearest fitted points (M × N rows
    /// summing to 1); they are not symmetrised, as the fitted points do not look back at them.
    /// </summary>
    public static SparseAffinities ToReference(Matrix reference, Matrix queries, double perplexity, DistanceMetric metric, CancellationToken ct = default)
    {
        if (!(perplexity > 0) || double.IsInfinity(perplexity))
        {
            throw new LayoutException($"perplexity ({perplexity.ToString(CultureInfo.InvariantCulture)}) must be positive");
        }

        if (3 * perplexity >= reference.Rows)
        {
            throw new LayoutException($"perplexity ({perplexity.ToString(CultureInfo.InvariantCulture)}) is too large for {reference.Rows} points: 3·perplexity must be less than N");
        }

        if (queries.Columns != reference.Columns)
        {
            throw new LayoutException($"new data has {queries.Columns} columns; the fitted data has {reference.Columns}");
        }

        int k = Math.Min(reference.Rows, (int)(3 * perplexity));
        (int[] indices, float[] distances) = ReferenceNeighbors.Search(reference, queries, k, metric, ct);
        double[] p = PerplexityCalibration.Conditional(distances, indices, k, perplexity);
        var rowStart = Enumerable.Range(0, queries.Rows + 1).Select(i => i * k).ToArray();

        // Neighbour rows arrive in distance order; a CSR row must be in column order.
        for (int i = 0; i < queries.Rows; i++)
        {
            Array.Sort(indices, p, i * k, k);
        }

        return new SparseAffinities(queries.Rows, reference.Rows, rowStart, indices, p);
    }
}
