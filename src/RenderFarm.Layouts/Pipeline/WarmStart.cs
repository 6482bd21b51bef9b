using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Alignment;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Pca;
using RenderFarm.Layouts.Tsne;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// A layout computed from the previous run's layout of the same method and parameters, so a
/// re-render of a grown dataset looks like the last one: kept items start where they were, new
/// items are placed by the method's transform (each among its nearest kept items, then optimised
/// with the kept ones fixed), removed items are dropped; a short optimisation of all items
/// follows (UMAP: a tenth of the epochs at a tenth of the learning rate; t-SNE: no early exaggeration,
/// a quarter of the iterations), and the result is aligned by Procrustes on the kept items to the
/// previous layout. PCA is recomputed and only aligned. Grids are not warm-started themselves:
/// they are snapped from their (warm-started, aligned) source.
/// </summary>
internal static class WarmStart
{
    /// <summary>Which current items the previous layout had (their row there) and which it did not.</summary>
    public sealed record Match(int[] PreviousRow, int[] Kept, int[] Added, int Removed);

    /// <summary>The previous layout to start <paramref name="spec"/> from, or null when there is none with the same parameters (or the scene turned warm starts off).</summary>
    public static PreviousLayout? Usable(LayoutSpec spec, string parametersKey, IReadOnlyDictionary<string, PreviousLayout>? previous) =>
        spec.WarmStart == WarmStartMode.Previous && spec.Method != LayoutMethod.Grid
            && previous is not null && previous.TryGetValue(spec.Name, out PreviousLayout? before)
            && before.ParametersKey == parametersKey && before.Coordinates.Columns == spec.Dims && before.Coordinates.Rows == before.Ids.Count
            ? before
            : null;

    /// <summary>
    /// Matches the current items to the previous layout's by id; null (start cold) when fewer than
    /// half of the current items were there, or too few for the method to place the others among
    /// (more than n_neighbors for UMAP, 3 × perplexity for t-SNE): then the old positions say little.
    /// </summary>
    public static Match? Plan(LayoutSpec spec, LayoutInput input, PreviousLayout previous)
    {
        var rows = new Dictionary<string, int>(previous.Ids.Count, StringComparer.Ordinal);
        for (int i = 0; i < previous.Ids.Count; i++)
        {
            if (!rows.TryAdd(previous.Ids[i], i))
            {
                return null;
            }
        }

        var previousRow = new int[input.Ids.Count];
        var kept = new List<int>();
        var added = new List<int>();
        for (int i = 0; i < input.Ids.Count; i++)
        {
            previousRow[i] = rows.GetValueOrDefault(input.Ids[i], -1);
            (previousRow[i] >= 0 ? kept : added).Add(i);
        }

        int needed = spec.Method switch
        {
            LayoutMethod.Umap => spec.NNeighbors + 1,
            LayoutMethod.Tsne => (int)(3 * spec.Perplexity) + 1,
            _ => 3,
        };
        if (kept.Count < needed || 2 * kept.Count < input.Ids.Count)
        {
            return null;
        }

        return new Match(previousRow, [.. kept], [.. added], previous.Ids.Count - kept.Count);
    }

    /// <summary>The warm-started layout of every current item, aligned to <paramref name="previous"/>.</summary>
    public static Matrix Compute(LayoutSpec spec, LayoutInput input, PreviousLayout previous, Match match, CancellationToken cancellation)
    {
        int n = input.Ids.Count;
        float[] coordinates = spec.Method switch
        {
            LayoutMethod.Pca => RandomizedPca.Layout(input.Embeddings, spec.Dims, spec.Seed).Data,
            LayoutMethod.Umap => Umap(spec, input, previous, match, cancellation),
            LayoutMethod.Tsne => Tsne(spec, input, previous, match, cancellation),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Method, "this method is not warm-started"),
        };
        return Align(new Matrix(n, spec.Dims, coordinates), previous, match);
    }

    /// <summary>The kept items' mean displacement from their previous positions, over the previous layout's extent.</summary>
    public static double MeanShift(Matrix coordinates, PreviousLayout previous, Match match)
    {
        Matrix before = previous.Coordinates;
        var min = new float[before.Columns];
        var max = new float[before.Columns];
        Array.Fill(min, float.MaxValue);
        Array.Fill(max, float.MinValue);
        for (int r = 0; r < before.Rows; r++)
        {
            for (int c = 0; c < before.Columns; c++)
            {
                (min[c], max[c]) = (Math.Min(min[c], before.Row(r)[c]), Math.Max(max[c], before.Row(r)[c]));
            }
        }

        double extent = Enumerable.Range(0, before.Columns).Max(c => (double)max[c] - min[c]);
        double sum = 0;
        foreach (int i in match.Kept)
        {
            double squared = 0;
            for (int c = 0; c < before.Columns; c++)
            {
                double d = coordinates.Row(i)[c] - before.Row(match.PreviousRow[i])[c];
                squared += d * d;
            }

            sum += Math.Sqrt(squared);
        }

        return extent > 0 ? sum / match.Kept.Length / extent : 0;
    }

    private static float[] Umap(LayoutSpec spec, LayoutInput input, PreviousLayout previous, Match match, CancellationToken cancellation)
    {
        Matrix data = LayoutRunner.NeighbourSpace(spec, input.Embeddings);
        UmapOptions options = LayoutRunner.UmapOptionsFor(spec);
        DistanceMetric metric = LayoutRunner.MetricOf(spec);
        UmapEpochCallback keepGoing = (_, _) => !cancellation.IsCancellationRequested;
        float[] start = Start(spec.Dims, previous, match);
        if (match.Added.Length > 0)
        {
            int k = options.NNeighbors;
            (int[] indices, float[] distances) = ReferenceNeighbors.Search(Rows(data, match.Kept), Rows(data, match.Added), k, metric, cancellation);
            var graph = new KnnGraph(match.Added.Length, k, indices, distances, metric);
            float[] placed = UmapLayout.Transform(graph, Rows(new Matrix(input.Ids.Count, spec.Dims, start), match.Kept).Data, options, keepGoing);
            cancellation.ThrowIfCancellationRequested();
            Scatter(placed, match.Added, start, spec.Dims);
        }

        KnnGraph all = NearestNeighbors.Build(data, LayoutRunner.UmapGraphK(spec), metric, spec.Seed, spec.Deterministic, cancellation);
        var refine = options with
        {
            Init = UmapInit.Given,
            InitialCoordinates = start,
            // A refinement: the new items were optimised by the transform already, so a tenth of
            // the epochs at a tenth of the rate settles them with their neighbours while the kept
            // items move by about a percent of the layout's size (a quarter of the rate: twice that).
            Epochs = Math.Max(20, options.EpochsFor(input.Ids.Count) / 10),
            LearningRate = options.LearningRate / 10,
        };
        float[] xy = UmapLayout.Fit(all, refine, keepGoing, data);
        cancellation.ThrowIfCancellationRequested();
        return xy;
    }

    private static float[] Tsne(LayoutSpec spec, LayoutInput input, PreviousLayout previous, Match match, CancellationToken cancellation)
    {
        Matrix data = LayoutRunner.NeighbourSpace(spec, input.Embeddings);
        TsneOptions options = LayoutRunner.TsneOptionsFor(spec);
        float[] start = Start(spec.Dims, previous, match);
        if (match.Added.Length > 0)
        {
            float[] kept = Rows(new Matrix(input.Ids.Count, spec.Dims, start), match.Kept).Data;
            float[] placed = TsneLayout.Transform(Rows(data, match.Kept), kept, Rows(data, match.Added), options, ct: cancellation);
            Scatter(placed, match.Added, start, spec.Dims);
        }

        // Clusters are formed already: no early exaggeration, which would pull them apart again.
        var refine = options with
        {
            Init = TsneInit.Given,
            InitialCoordinates = start,
            EarlyExaggerationIterations = 0,
            Iterations = Math.Max(50, spec.Iterations / 4),
        };
        return TsneLayout.Fit(data, refine, callback: null, cancellation);
    }

    /// <summary>Kept items at their previous coordinates; added ones at 0 until placed.</summary>
    private static float[] Start(int dims, PreviousLayout previous, Match match)
    {
        var start = new float[match.PreviousRow.Length * dims];
        foreach (int i in match.Kept)
        {
            previous.Coordinates.Row(match.PreviousRow[i]).CopyTo(start.AsSpan(i * dims, dims));
        }

        return start;
    }

    /// <summary>Rotation, reflection, scale and shift fitted on the kept items, applied to all.</summary>
    private static Matrix Align(Matrix coordinates, PreviousLayout previous, Match match)
    {
        var reference = new Matrix(match.Kept.Length, coordinates.Columns);
        for (int r = 0; r < match.Kept.Length; r++)
        {
            previous.Coordinates.Row(match.PreviousRow[match.Kept[r]]).CopyTo(reference.Row(r));
        }

        ProcrustesResult fit = Procrustes.Align(reference, Rows(coordinates, match.Kept));
        return fit.Transform.Apply(coordinates);
    }

    private static Matrix Rows(Matrix source, int[] rows)
    {
        var result = new Matrix(rows.Length, source.Columns);
        for (int r = 0; r < rows.Length; r++)
        {
            source.Row(rows[r]).CopyTo(result.Row(r));
        }

        return result;
    }

    private static void Scatter(float[] values, int[] rows, float[] target, int dims)
    {
        for (int r = 0; r < rows.Length; r++)
        {
            values.AsSpan(r * dims, dims).CopyTo(target.AsSpan(rows[r] * dims, dims));
        }
    }
}
