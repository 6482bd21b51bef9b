using System.Numerics.Tensors;
using RenderFarm.Core.IO;

namespace RenderFarm.Embedding.Analysis;

/// <summary>A pair of items whose vectors have cosine similarity at or above a threshold.</summary>
public readonly record struct NearDuplicatePair(int A, int B, float Similarity);

/// <summary>
/// Finds every pair with cosine similarity ≥ t, exactly, without comparing all N² pairs.
/// On unit vectors, cos ≥ t ⇔ distance ≤ r = √(2 − 2t). Projections onto orthonormal directions
/// never lengthen a distance, so pairs farther than r apart along the top principal directions can
/// be dropped unseen: sort by the first projection, sweep a window of width r, prune with the next
/// projections, and only then take the full dot product.
/// </summary>
public static class NearDuplicateFinder
{
    private const int Directions = 8;

    public static (long Count, List<NearDuplicatePair> Pairs) Find(Matrix vectors, double threshold, int maxPairs, CancellationToken cancellation = default)
    {
        int n = vectors.Rows;
        int d = vectors.Columns;
        if (n < 2)
        {
            return (0, []);
        }

        float[] unit = UnitRows(vectors);
        int m = Math.Min(Directions, d);
        float[] basis = PrincipalDirections.Compute(unit, n, d, m, seed: 17);
        float[] projected = new float[(long)n * m];
        Parallel.For(0, n, i =>
        {
            ReadOnlySpan<float> row = unit.AsSpan(i * d, d);
            for (int k = 0; k < m; k++)
            {
                projected[(i * m) + k] = TensorPrimitives.Dot(row, basis.AsSpan(k * d, d));
            }
        });

        int[] order = Enumerable.Range(0, n).ToArray();
        float[] keys = order.Select(i => projected[i * m]).ToArray();
        Array.Sort(keys, order);

        // A little slack so float rounding in the projections never prunes a true pair.
        float radius = (float)Math.Sqrt(Math.Max(0, 2 - (2 * threshold))) + 1e-5f;
        float minimum = (float)threshold;
        long count = 0;
        var found = new List<NearDuplicatePair>();
        var gate = new object();

        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, () => new List<NearDuplicatePair>(), (s, _, local) =>
        {
            int i = order[s];
            ReadOnlySpan<float> pi = projected.AsSpan(i * m, m);
            ReadOnlySpan<float> ui = unit.AsSpan(i * d, d);
            for (int t = s + 1; t < n && keys[t] - keys[s] <= radius; t++)
            {
                int j = order[t];
                if (TensorPrimitives.Distance(pi, projected.AsSpan(j * m, m)) > radius)
                {
                    continue;
                }

                float cosine = TensorPrimitives.Dot(ui, unit.AsSpan(j * d, d));
                if (cosine >= minimum)
                {
                    local.Add(i < j ? new NearDuplicatePair(i, j, cosine) : new NearDuplicatePair(j, i, cosine));
                }
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                count += local.Count;
                found.AddRange(local);
                // Keep memory bounded on datasets full of duplicates: only the best pairs are listed.
                if (found.Count > 4 * Math.Max(maxPairs, 1024))
                {
                    Trim(found, maxPairs);
                }
            }
        });

        Trim(found, maxPairs);
        return (count, found);
    }

    private static void Trim(List<NearDuplicatePair> pairs, int keep)
    {
        pairs.Sort((x, y) => y.Similarity != x.Similarity ? y.Similarity.CompareTo(x.Similarity) : (x.A, x.B).CompareTo((y.A, y.B)));
        if (pairs.Count > keep)
        {
            pairs.RemoveRange(keep, pairs.Count - keep);
        }
    }

    private static float[] UnitRows(Matrix vectors)
    {
        int d = vectors.Columns;
        var unit = new float[vectors.Data.Length];
        Parallel.For(0, vectors.Rows, i =>
        {
            ReadOnlySpan<float> row = vectors.Data.AsSpan(i * d, d);
            float norm = TensorPrimitives.Norm(row);
            Span<float> target = unit.AsSpan(i * d, d);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, target);
            }
        });
        return unit;
    }
}
