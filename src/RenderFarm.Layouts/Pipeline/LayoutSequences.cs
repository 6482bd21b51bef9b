using System.Diagnostics;
using System.Globalization;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Alignment;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Tsne;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// The coordinate sequences of video timelines, computed from a finished layout and cached:
/// <list type="bullet">
/// <item><see cref="Sweep"/>: the layout recomputed at each value of one parameter, each warm-started
/// from the previous set and aligned to it by Procrustes, so the motion between sets is the
/// parameter's effect rather than a new random layout;</item>
/// <item><see cref="Replay"/>: the layout's optimisation re-run with the same options, a snapshot every
/// few epochs (iterations), each aligned to the finished layout by Procrustes with scale, so early
/// snapshots (t-SNE starts at 10⁻⁴ of its final size) show at the final layout's size whether the
/// camera follows the points or stands still.</item>
/// </list>
/// </summary>
public static class LayoutSequences
{
    private const string Kind = "sequences";

    /// <summary>The parameters a sweep can change, by method.</summary>
    public static IReadOnlyList<string> SweepParameters(LayoutMethod method) => method switch
    {
        LayoutMethod.Umap => ["n_neighbors", "min_dist", "spread"],
        LayoutMethod.Tsne => ["perplexity", "exaggeration"],
        _ => [],
    };

    /// <summary>
    /// <paramref name="layout"/> recomputed with <paramref name="parameter"/> at each of
    /// <paramref name="values"/> in order. The first set starts from the layout's own coordinates,
    /// each later one from the set before; each is cached under its layout key, parameter, value and
    /// the previous set's key, so a re-render (or a longer sweep sharing a prefix) reads them back.
    /// </summary>
    public static LayoutSequence Sweep(
        LayoutInput input,
        LayoutResult layout,
        string parameter,
        IReadOnlyList<double> values,
        ArtifactStore cache,
        IProgress<LayoutProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        if (values.Count == 0) throw new LayoutException($"sweep of '{layout.Spec.Name}' has no values");
        var specs = values.Select(v => WithParameter(layout.Spec, parameter, v)).ToArray();
        foreach (LayoutSpec spec in specs)
        {
            LayoutChecks.Check(spec, input.Embeddings.Rows, input.Embeddings.Columns);
        }

        var clock = Stopwatch.StartNew();
        var sets = new List<Matrix>(values.Count);
        bool cached = true;
        string previousKey = layout.Key;
        Matrix previous = layout.Coordinates;
        Lazy<(Matrix Space, KnnGraph? Graph)> neighbours = new(() => SweepSpace(layout.Spec, specs, input, cancellation));
        for (int i = 0; i < values.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            string key = $"sweep-v1|{previousKey}|{parameter}={values[i].ToString("R", CultureInfo.InvariantCulture)}";
            Matrix? set = cache.TryReadMatrix(Kind, key);
            if (set is null)
            {
                cached = false;
                progress?.Report(new LayoutProgress($"{layout.Spec.Name}: sweep {parameter}={values[i].ToString(CultureInfo.InvariantCulture)}", i, values.Count));
                Matrix computed = WarmStart(specs[i], parameter, previous, neighbours.Value, cancellation);
                set = Procrustes.Align(previous, computed).Aligned;
                cache.WriteMatrix(Kind, key, set);
            }

            sets.Add(set);
            previous = set;
            previousKey = key;
        }

        return new LayoutSequence(sets, cached, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    /// <summary>
    /// Snapshots of <paramref name="layout"/>'s optimisation after every <paramref name="every"/>
    /// epochs (UMAP) or iterations (t-SNE, early exaggeration included), up to but not including the
    /// last, which is the layout itself: the timeline ends a replay on the finished layout. The run
    /// repeats the layout's options and seed; a deterministic layout replays exactly into it, a
    /// multi-threaded one into a near twin, so each snapshot is aligned to the finished layout.
    /// </summary>
    public static LayoutSequence Replay(
        LayoutInput input,
        LayoutResult layout,
        int every,
        ArtifactStore cache,
        IProgress<LayoutProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        if (every < 1) throw new LayoutException($"replay of '{layout.Spec.Name}' needs every ≥ 1, got {every}");
        var clock = Stopwatch.StartNew();
        LayoutSpec spec = layout.Spec;
        string key = $"replay-v1|{layout.Key}|every={every}";
        Matrix? stacked = cache.TryReadMatrix(Kind, key);
        bool cached = stacked is not null;
        if (stacked is null)
        {
            progress?.Report(new LayoutProgress($"{spec.Name}: replay every {every}", 0, 1));
            List<float[]> snapshots = Snapshots(spec, input, every, cancellation);
            if (snapshots.Count == 0)
            {
                throw new LayoutException($"replay of '{spec.Name}' every {every} has no snapshot before the end; use a smaller 'every'");
            }

            stacked = Stack(snapshots.Select(s => Procrustes.Align(layout.Coordinates, new Matrix(layout.Coordinates.Rows, spec.Dims, s)).Aligned).ToArray());
            cache.WriteMatrix(Kind, key, stacked);
        }

        return new LayoutSequence(Unstack(stacked, layout.Coordinates.Rows), cached, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    /// <summary>
    /// How many steps a replay of <paramref name="spec"/> on <paramref name="items"/> items runs:
    /// UMAP's epochs (500 up to 10,000 items, else 200, unless set), t-SNE's iterations with early
    /// exaggeration; 0 for methods without an optimisation.
    /// </summary>
    public static int ReplaySteps(LayoutSpec spec, int items) => spec.Method switch
    {
        LayoutMethod.Umap => LayoutRunner.UmapOptionsFor(spec).EpochsFor(items),
        LayoutMethod.Tsne => spec.ExaggerationIterations + spec.Iterations,
        _ => 0,
    };

    /// <summary><paramref name="spec"/> with one sweepable parameter set to <paramref name="value"/>.</summary>
    public static LayoutSpec WithParameter(LayoutSpec spec, string parameter, double value)
    {
        if (!SweepParameters(spec.Method).Contains(parameter, StringComparer.Ordinal))
        {
            string allowed = string.Join(", ", SweepParameters(spec.Method));
            throw new LayoutException($"a sweep of '{spec.Name}' ({spec.Method.ToString().ToLowerInvariant()}) cannot change '{parameter}'" + (allowed.Length > 0 ? $"; it can change {allowed}" : ""));
        }

        if (!(value > 0) || !double.IsFinite(value)) throw new LayoutException($"sweep value {parameter}={value} of '{spec.Name}' must be positive");
        return parameter switch
        {
            "n_neighbors" when value != Math.Floor(value) || value < 2 => throw new LayoutException($"sweep value n_neighbors={value} of '{spec.Name}' must be a whole number ≥ 2"),
            "n_neighbors" => spec with { NNeighbors = (int)value },
            "min_dist" => spec with { MinDist = value },
            "spread" => spec with { Spread = value },
            "perplexity" => spec with { Perplexity = value },
            _ => spec with { Exaggeration = value },
        };
    }

    /// <summary>
    /// The neighbour space, and for UMAP one k-NN graph deep enough for the largest n_neighbors of
    /// the sweep: UMAP reads only the first n_neighbors − 1 columns, so every value shares it.
    /// </summary>
    private static (Matrix, KnnGraph?) SweepSpace(LayoutSpec layout, LayoutSpec[] specs, LayoutInput input, CancellationToken cancellation)
    {
        Matrix space = LayoutRunner.NeighbourSpace(layout, input.Embeddings);
        if (layout.Method != LayoutMethod.Umap)
        {
            return (space, null);
        }

        int k = specs.Max(LayoutRunner.UmapGraphK);
        return (space, NearestNeighbors.Build(space, k, LayoutRunner.MetricOf(layout), layout.Seed, layout.Deterministic, cancellation));
    }

    private static Matrix WarmStart(LayoutSpec spec, string parameter, Matrix start, (Matrix Space, KnnGraph? Graph) neighbours, CancellationToken cancellation)
    {
        int n = start.Rows;
        if (spec.Method == LayoutMethod.Umap)
        {
            // A warm start sits near a solution already: at the full learning rate the first epochs
            // scatter it about as far as a fresh layout is (measured on Fashion-MNIST), which the
            // video would show as a jump. A quarter of the rate (umap's transform uses the same)
            // lets the new n_neighbors / min_dist reshape it without scrambling it.
            UmapOptions cold = LayoutRunner.UmapOptionsFor(spec);
            UmapOptions options = cold with { Init = UmapInit.Given, InitialCoordinates = start.Data, LearningRate = cold.LearningRate / 4 };
            float[] xy = UmapLayout.Fit(neighbours.Graph!, options, (_, _) => !cancellation.IsCancellationRequested, neighbours.Space);
            cancellation.ThrowIfCancellationRequested();
            return new Matrix(n, spec.Dims, xy);
        }

        // Early exaggeration pulls clusters together from a structureless start; a warm start
        // already has them, and exaggerating it would shrink every cluster then spring it back, a
        // pulse in the video that is no part of the parameter's effect. Only a sweep of the
        // exaggeration itself keeps that phase, since it is what the sweep shows.
        TsneOptions tsne = LayoutRunner.TsneOptionsFor(spec) with
        {
            Init = TsneInit.Given,
            InitialCoordinates = start.Data,
            EarlyExaggerationIterations = parameter == "exaggeration" ? spec.ExaggerationIterations : 0,
        };
        return new Matrix(n, spec.Dims, TsneLayout.Fit(neighbours.Space, tsne, callback: null, cancellation));
    }

    private static List<float[]> Snapshots(LayoutSpec spec, LayoutInput input, int every, CancellationToken cancellation)
    {
        var snapshots = new List<float[]>();
        Matrix space = LayoutRunner.NeighbourSpace(spec, input.Embeddings);
        if (spec.Method == LayoutMethod.Umap)
        {
            KnnGraph graph = NearestNeighbors.Build(space, LayoutRunner.UmapGraphK(spec), LayoutRunner.MetricOf(spec), spec.Seed, spec.Deterministic, cancellation);
            UmapOptions options = LayoutRunner.UmapOptionsFor(spec);
            int epochs = ReplaySteps(spec, graph.Count);
            UmapLayout.Fit(graph, options, (epoch, xy) => Keep(epoch, epochs, xy), space);
        }
        else if (spec.Method == LayoutMethod.Tsne)
        {
            int total = ReplaySteps(spec, input.Embeddings.Rows);
            TsneLayout.Fit(space, LayoutRunner.TsneOptionsFor(spec), (iteration, xy, _) => Keep(iteration, total, xy), cancellation);
        }
        else
        {
            throw new LayoutException($"'{spec.Name}' is a {spec.Method.ToString().ToLowerInvariant()} layout, which has no optimisation to replay; replay a umap or tsne layout");
        }

        cancellation.ThrowIfCancellationRequested();
        return snapshots;

        bool Keep(int step, int last, ReadOnlySpan<float> xy)
        {
            if (step % every == 0 && step < last)
            {
                snapshots.Add(xy.ToArray());
            }

            return !cancellation.IsCancellationRequested;
        }
    }

    /// <summary>Sets one under another, so a replay is one cache entry (count·N × dims).</summary>
    private static Matrix Stack(IReadOnlyList<Matrix> sets)
    {
        int rows = sets[0].Rows, dims = sets[0].Columns;
        var data = new float[checked(sets.Count * rows * dims)];
        for (int i = 0; i < sets.Count; i++)
        {
            sets[i].Data.CopyTo(data, i * rows * dims);
        }

        return new Matrix(sets.Count * rows, dims, data);
    }

    private static Matrix[] Unstack(Matrix stacked, int rows)
    {
        int dims = stacked.Columns, count = stacked.Rows / rows;
        return Enumerable.Range(0, count)
            .Select(i => new Matrix(rows, dims, stacked.Data.AsSpan(i * rows * dims, rows * dims).ToArray()))
            .ToArray();
    }
}
