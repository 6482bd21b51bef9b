using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Pca;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The 3·perplexity nearest neighbours t-SNE calibrates P on. At k = 90, NN-descent (whose local
/// joins cost about k² distances per point) is several times slower than exact search, which does
/// not depend on k: on Fashion-MNIST 10k × 784 exact search took a fifth of NN-descent's time, with
/// the same neighbours. Exact search is therefore used while N²·D stays under
/// <see cref="ExactWorkLimit"/>. Above it, Euclidean neighbours come from candidates: exact search
/// among the rows projected onto their top <see cref="CandidateDims"/> principal axes, for
/// <see cref="CandidateFactor"/>·k candidates, ranked again by their true distances. A projection
/// only shrinks distances, so a true neighbour is missed only when the residual dimensions push
/// it past 2·k projected ones: recall 0.986 on Fashion-MNIST 10k (0.95 with 1.5·k), and the
/// missed ones are the far neighbours that the perplexity weights least.
/// </summary>
internal static class TsneNeighbors
{
    /// <summary>Multiply-adds of exact search in the input space: 10k × 784 (7.8·10¹⁰) is below it, 70k × 784 is not.</summary>
    public const long ExactWorkLimit = 100_000_000_000;

    /// <summary>Principal axes the candidates are searched in.</summary>
    public const int CandidateDims = 50;

    /// <summary>Candidates per point, as a multiple of k, re-ranked by their true distances.</summary>
    public const double CandidateFactor = 2;

    /// <summary>Above this much projected work (N²·CandidateDims), even the projected search is too slow and NN-descent runs on the projection.</summary>
    public const long ProjectedExactWorkLimit = 1_000_000_000_000;

    public static KnnGraph Build(Matrix data, int k, DistanceMetric metric, int seed, bool deterministic, CancellationToken ct)
    {
        int n = data.Rows;
        if ((long)n * n * data.Columns <= ExactWorkLimit)
        {
            return ExactKnn.Build(data, k, metric, ct);
        }

        // Cosine neighbours are not preserved by a Euclidean projection of the raw rows.
        if (metric != DistanceMetric.Euclidean || data.Columns <= 2 * CandidateDims)
        {
            return NearestNeighbors.Build(data, k, metric, seed, deterministic, ct);
        }

        return FromProjectedCandidates(data, k, seed, deterministic, ct);
    }

    /// <summary>The neighbours above <see cref="ExactWorkLimit"/> for Euclidean data: projected candidates re-ranked by true distance.</summary>
    internal static KnnGraph FromProjectedCandidates(Matrix data, int k, int seed, bool deterministic, CancellationToken ct)
    {
        int n = data.Rows;
        int candidates = Math.Min(n - 1, (int)Math.Ceiling(CandidateFactor * k));
        Matrix projected = RandomizedPca.Fit(data, CandidateDims, seed).Transform(data);
        KnnGraph near = (long)n * n * CandidateDims <= ProjectedExactWorkLimit
            ? ExactKnn.Build(projected, candidates, DistanceMetric.Euclidean, useLimits: true, Hash64.Of((ulong)seed, 0x11A1UL), ct)
            : NearestNeighbors.Build(projected, candidates, DistanceMetric.Euclidean, seed, deterministic, ct);
        return Rerank(data, near, k, ct);
    }

    /// <summary>Each point's k candidates nearest by true distance, in ascending order.</summary>
    private static KnnGraph Rerank(Matrix data, KnnGraph candidates, int k, CancellationToken ct)
    {
        int n = data.Rows;
        int width = candidates.K;
        var indices = new int[n * k];
        var distances = new float[n * k];
        var options = new ParallelOptions { CancellationToken = ct };
        Parallel.For(
            0,
            n,
            options,
            () => (Indices: new int[width], Distances: new float[width]),
            (i, _, buffers) =>
            {
                ReadOnlySpan<float> row = data.Row(i);
                ReadOnlySpan<int> near = candidates.NeighborsOf(i);
                int count = 0;
                foreach (int j in near)
                {
                    if (j >= 0)
                    {
                        buffers.Indices[count] = j;
                        buffers.Distances[count++] = PointDistance.Euclidean(row, data.Row(j));
                    }
                }

                // The candidates arrive in a fixed order, so this unstable sort is still reproducible.
                Array.Sort(buffers.Distances, buffers.Indices, 0, count);
                Span<int> outIndices = indices.AsSpan(i * k, k);
                Span<float> outDistances = distances.AsSpan(i * k, k);
                outIndices.Fill(-1);
                outDistances.Fill(float.PositiveInfinity);
                buffers.Indices.AsSpan(0, Math.Min(k, count)).CopyTo(outIndices);
                buffers.Distances.AsSpan(0, Math.Min(k, count)).CopyTo(outDistances);
                return buffers;
            },
            _ => { });
        return new KnnGraph(n, k, indices, distances, DistanceMetric.Euclidean);
    }
}
