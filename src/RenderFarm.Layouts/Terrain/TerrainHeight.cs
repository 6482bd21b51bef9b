using System.Numerics.Tensors;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Terrain;

/// <summary>
/// A height for every point from how far it lies from the rest: mean distance to all other points,
/// so outskirts rise and dense cores sink. Exact (blocked, parallel, O(N²·D)) for small N; for
/// large N estimated from a seeded sample of reference points with a Hoeffding bound returned
/// alongside.
/// </summary>
public static class TerrainHeight
{
    /// <summary>Up to this many points <see cref="Compute"/> is exact.</summary>
    public const int DefaultExactLimit = 10_000;

    /// <summary>Reference points of an estimate by default.</summary>
    public const int DefaultReferences = 2_000;

    // Rows of a block share each pass over the data, which keeps the data in cache for the block.
    private const int Block = 64;

    // Reference blocks whose partial sums are kept at once (each an array of N doubles).
    private const int BlocksPerPass = 32;

    /// <summary>Exact up to <paramref name="exactLimit"/> points, otherwise <see cref="Estimate"/>.</summary>
    public static TerrainResult Compute(Matrix points, int seed, int exactLimit = DefaultExactLimit, int references = DefaultReferences, double confidence = 0.95) =>
        points.Rows <= exactLimit ? Exact(points) : Estimate(points, references, seed, confidence);

    /// <summary>Every point's exact mean distance to the N − 1 others.</summary>
    /// <exception cref="LayoutException">Fewer than 2 points.</exception>
    public static TerrainResult Exact(Matrix points)
    {
        RequirePoints(points);
        int n = points.Rows;
        double[] means = Wide(points) ? WideDistanceSums(points, points.Data, n, excludeSelf: true) : NarrowExactSums(points);
        for (int i = 0; i < n; i++)
        {
            means[i] /= n - 1;
        }

        return new TerrainResult(Normalise(means, out _), means, true, n - 1, 0, 0, 1);
    }

    /// <summary>
    /// Mean distances estimated from <paramref name="references"/> reference points drawn uniformly
    /// with replacement. Each distance lies in [0, Δ] with Δ = twice the largest distance from the
    /// centroid (never less than the diameter), so by Hoeffding's inequality and a union bound over
    /// the N points, with probability 1 − δ every estimate is within
    /// Δ·N/(N−1)·√(ln(2N/δ)/(2m)) of the exact mean (the N/(N−1) undoes the chance of drawing the
    /// point itself). Heights are then within 4ε/(range of the estimates) (min and max each move by at most ε).
    /// </summary>
    /// <exception cref="LayoutException">Fewer than 2 points, references below 1, or confidence outside (0, 1).</exception>
    public static TerrainResult Estimate(Matrix points, int references, int seed, double confidence = 0.95)
    {
        RequirePoints(points);
        if (references < 1)
        {
            throw new LayoutException($"references must be at least 1, got {references}.");
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new LayoutException($"confidence must lie strictly between 0 and 1, got {confidence}.");
        }

        int n = points.Rows;
        int d = points.Columns;
        var random = new Random(seed);
        var sample = new float[references * d];
        for (int r = 0; r < references; r++)
        {
            points.Row(random.Next(n)).CopyTo(sample.AsSpan(r * d, d));
        }

        double correction = n / (n - 1.0);
        double[] means = Wide(points) ? WideDistanceSums(points, sample, references, excludeSelf: false) : NarrowSampleSums(points, sample, references);
        for (int i = 0; i < n; i++)
        {
            means[i] = correction * means[i] / references;
        }

        double delta = 1 - confidence;
        double bound = Diameter(points) * correction * Math.Sqrt(Math.Log(2.0 * n / delta) / (2.0 * references));
        float[] heights = Normalise(means, out double range);
        double heightBound = range > 0 ? Math.Min(1, 4 * bound / range) : 1;
        return new TerrainResult(heights, means, false, references, bound, heightBound, confidence);
    }

    private static bool Wide(Matrix points) => points.Columns >= SquaredDistanceBlock.MinimumColumns;

    /// <summary>sums[i] = Σ_j ‖x_i − x_j‖ over all points, by direct differences (exact for narrow data).</summary>
    private static double[] NarrowExactSums(Matrix points)
    {
        int n = points.Rows;
        var sums = new double[n];
        Parallel.For(0, (n + Block - 1) / Block, block =>
        {
            int start = block * Block;
            int end = Math.Min(n, start + Block);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<float> other = points.Row(j);
                for (int i = start; i < end; i++)
                {
                    sums[i] += PointDistance.Euclidean(points.Row(i), other);
                }
            }
        });
        return sums;
    }

    /// <summary>sums[i] = Σ_r ‖x_i − reference_r‖ by direct differences.</summary>
    private static double[] NarrowSampleSums(Matrix points, float[] references, int count)
    {
        int n = points.Rows;
        int d = points.Columns;
        var sums = new double[n];
        Parallel.For(0, (n + Block - 1) / Block, block =>
        {
            for (int i = block * Block; i < Math.Min(n, (block + 1) * Block); i++)
            {
                ReadOnlySpan<float> row = points.Row(i);
                double sum = 0;
                for (int r = 0; r < count; r++)
                {
                    sum += PointDistance.Euclidean(row, references.AsSpan(r * d, d));
                }

                sums[i] = sum;
            }
        });
        return sums;
    }

    /// <summary>
    /// sums[i] = Σ_r ‖x_i − reference_r‖ for wide data, where the pairwise differences are the whole
    /// cost (70,000 points × 2,000 references × 784 pixels): a block of references at a time against
    /// every point through the blocked dot products, several times faster than a difference per pair.
    /// Each block sums into its own array and the blocks are added in order, so the result does not
    /// depend on thread timing. With <paramref name="excludeSelf"/> the references are the points
    /// themselves and each point's distance to itself, which the expanded form leaves a hair above
    /// 0, is dropped.
    /// </summary>
    private static double[] WideDistanceSums(Matrix points, float[] references, int count, bool excludeSelf)
    {
        int n = points.Rows;
        int d = points.Columns;
        float[] norms = SquaredDistanceBlock.Norms(points);
        int blocks = (count + Block - 1) / Block;
        var total = new double[n];
        var partial = new double[BlocksPerPass][];

        // Blocks run in passes of a fixed size so the partial sums stay a few arrays of N, whatever the reference count.
        for (int first = 0; first < blocks; first += BlocksPerPass)
        {
            int last = Math.Min(blocks, first + BlocksPerPass);
            BlockWorkers.Run(last - first, () => new float[Block * n], (index, distances) =>
            {
                int block = first + index;
                int start = block * Block;
                int size = Math.Min(Block, count - start);
                float[] queries = references.AsSpan(start * d, size * d).ToArray();
                var queryNorms = new float[size];
                for (int q = 0; q < size; q++)
                {
                    queryNorms[q] = TensorPrimitives.Dot(queries.AsSpan(q * d, d), queries.AsSpan(q * d, d));
                }

                Span<float> rows = distances.AsSpan(0, size * n);
                SquaredDistanceBlock.Compute(queries, queryNorms, size, points, norms, rows);
                TensorPrimitives.Sqrt(rows, rows);
                double[] sums = partial[block - first] ??= new double[n];
                Array.Clear(sums);
                for (int q = 0; q < size; q++)
                {
                    if (excludeSelf)
                    {
                        rows[(q * n) + start + q] = 0;
                    }

                    ReadOnlySpan<float> row = rows.Slice(q * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        sums[i] += row[i];
                    }
                }
            });

            for (int b = 0; b < last - first; b++)
            {
                TensorPrimitives.Add(total, partial[b], total);
            }
        }

        return total;
    }

    private static void RequirePoints(Matrix points)
    {
        if (points.Rows < 2)
        {
            throw new LayoutException($"points needs at least 2 rows for mean distances, got {points.Rows}.");
        }
    }

    /// <summary>An upper bound on the diameter: 2 × the largest distance from the centroid.</summary>
    private static double Diameter(Matrix points)
    {
        int d = points.Columns;
        var centroid = new double[d];
        for (int i = 0; i < points.Rows; i++)
        {
            for (int j = 0; j < d; j++)
            {
                centroid[j] += points.Data[(i * d) + j];
            }
        }

        float[] centre = centroid.Select(c => (float)(c / points.Rows)).ToArray();
        double radius = 0;
        for (int i = 0; i < points.Rows; i++)
        {
            radius = Math.Max(radius, PointDistance.Euclidean(points.Row(i), centre));
        }

        // The float centroid and distances round; a hair of slack keeps the bound a true bound.
        return 2 * radius * (1 + 1e-5);
    }

    private static float[] Normalise(double[] means, out double range)
    {
        double min = means.Min();
        double max = means.Max();
        range = max - min;
        double span = range;
        return means.Select(m => span > 0 ? (float)((m - min) / span) : 0f).ToArray();
    }
}
