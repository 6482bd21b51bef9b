using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Umap;

/// <summary>
/// UMAP from a k-NN graph: local metrics (<see cref="SmoothKnnDistances"/>), fuzzy graph
/// (<see cref="FuzzySimplicialSet"/>), curve (<see cref="CurveFit"/>), initial layout, SGD
/// (<see cref="UmapOptimizer"/>). Named UmapLayout rather than Umap so it never collides with its
/// own namespace. Coordinates are N × dims, row-major.
/// </summary>
public static class UmapLayout
{
    /// <summary>Lays out the graph's N points; returns N × <see cref="UmapOptions.Dims"/> coordinates.</summary>
    /// <param name="graph">N × K neighbours, self excluded, K ≥ n_neighbors − 1.</param>
    /// <param name="callback">Optional per-epoch observer that can stop the run early.</param>
    /// <param name="data">The N × D data, needed only for <see cref="UmapInit.Pca"/>.</param>
    public static float[] Fit(KnnGraph graph, UmapOptions options, UmapEpochCallback? callback = null, Matrix? data = null)
    {
        options.Validate(graph.Count, graph.K, data);
        int columns = options.NNeighbors - 1;
        (float[] rho, float[] sigma) = SmoothKnnDistances.Compute(graph, columns, options.NNeighbors, localConnectivity: true, selfCounted: true);
        SparseGraph fuzzy = FuzzySimplicialSet.Build(graph, columns, rho, sigma);

        // Edges lighter than max/n_epochs would be sampled less than once: umap drops them before
        // both the spectral initialisation and the optimisation.
        int epochs = options.EpochsFor(graph.Count);
        fuzzy = fuzzy.WithoutWeightsBelow(fuzzy.MaxValue() / epochs);

        float[] coordinates = Initialize(fuzzy, options, data);
        (float a, float b) = CurveFit.FitAb(options.MinDist, options.Spread);
        var settings = new UmapOptimizerSettings(
            options.Dims, a, b, options.RepulsionStrength, options.NegativeSampleRate, options.LearningRate, epochs,
            MoveOther: true, options.Deterministic, Seed(options));
        new UmapOptimizer(fuzzy, coordinates, coordinates, settings).Run(callback);
        return coordinates;
    }

    /// <summary>The starting layout (N × dims): given coordinates as they are; the others stretched to [0, 10] like umap.</summary>
    private static float[] Initialize(SparseGraph fuzzy, UmapOptions options, Matrix? data)
    {
        if (options.Init == UmapInit.Given)
        {
            // A warm start continues in the caller's frame, so no rescaling.
            return (float[])options.InitialCoordinates!.Clone();
        }

        ulong seed = Seed(options);
        var random = new FastRandom(seed + 1);
        float[] coordinates = options.Init switch
        {
            UmapInit.Spectral => SpectralInitialization.Compute(fuzzy, options.Dims, seed),
            UmapInit.Pca => CoordinateScaling.NoisyScale(PcaInitialization.Compute(data!, options.Dims, seed), ref random),
            _ => Array.ConvertAll(CoordinateScaling.UniformBox(fuzzy.RowCount, options.Dims, ref random), c => (float)c),
        };
        CoordinateScaling.StretchToBox(coordinates, options.Dims);
        return coordinates;
    }

    /// <summary>
    /// Places M new points into a fitted layout (umap's transform): each starts at the
    /// membership-weighted mean of its neighbours' positions, then only the new points are optimised
    /// (fitted points stay fixed) for n_epochs/3 epochs (100 by default, 30 above 10,000 fitted
    /// points) at a quarter of the learning rate. Returns M × dims coordinates.
    /// </summary>
    /// <param name="graph">M × K neighbours of the new points among the fitted ones (indices into the fit).</param>
    /// <param name="fitted">The fitted layout, N × dims.</param>
    /// <param name="options">The options of the fit (n_neighbors, min_dist, spread, dims …).</param>
    public static float[] Transform(KnnGraph graph, float[] fitted, UmapOptions options, UmapEpochCallback? callback = null)
    {
        int dims = options.Dims;
        int fittedCount = fitted.Length / dims;
        ValidateTransform(graph, fitted, options, fittedCount);

        // New points are not among their own neighbours, so umap uses n_neighbors of them with
        // local connectivity 0 (rho = 0): no neighbour is automatically at full membership.
        int columns = Math.Min(graph.K, options.NNeighbors);
        (float[] rho, float[] sigma) = SmoothKnnDistances.Compute(graph, columns, options.NNeighbors, localConnectivity: false, selfCounted: false);
        SparseGraph memberships = FuzzySimplicialSet.Memberships(graph, columns, rho, sigma, fittedCount);
        float[] coordinates = WeightedMeans(memberships, fitted, dims);

        int epochs = options.Epochs is int e ? Math.Max(1, e / 3) : fittedCount <= 10_000 ? 100 : 30;
        SparseGraph edges = memberships.WithoutWeightsBelow(memberships.MaxValue() / epochs);
        (float a, float b) = CurveFit.FitAb(options.MinDist, options.Spread);
        var settings = new UmapOptimizerSettings(
            dims, a, b, options.RepulsionStrength, options.NegativeSampleRate, options.LearningRate / 4f, epochs,
            MoveOther: false, options.Deterministic, Seed(options));
        new UmapOptimizer(edges, coordinates, fitted, settings).Run(callback);
        return coordinates;
    }

    private static void ValidateTransform(KnnGraph graph, float[] fitted, UmapOptions options, int fittedCount)
    {
        // The initialisation belongs to the fit; here only the shared settings must hold.
        (options with { Init = UmapInit.Random }).Validate(fittedCount, graph.K);
        if (fitted.Length != fittedCount * options.Dims)
        {
            throw new LayoutException($"fitted coordinates ({fitted.Length} values) are not a multiple of dims ({options.Dims})");
        }

        foreach (int index in graph.Indices)
        {
            if (index >= fittedCount)
            {
                throw new LayoutException($"transform neighbour index {index} is outside the fitted layout ({fittedCount} points)");
            }
        }
    }

    /// <summary>
    /// Each new point at the weighted mean of its neighbours' fitted positions (M × dims); a point
    /// with no neighbour at all goes to the centroid of the layout.
    /// </summary>
    private static float[] WeightedMeans(SparseGraph memberships, float[] fitted, int dims)
    {
        float[] centroid = new float[dims];
        for (int i = 0; i < fitted.Length; i++)
        {
            centroid[i % dims] += fitted[i] / (fitted.Length / dims);
        }

        var result = new float[memberships.RowCount * dims];
        Span<double> sum = stackalloc double[dims];
        for (int r = 0; r < memberships.RowCount; r++)
        {
            ReadOnlySpan<int> cols = memberships.ColumnsOf(r);
            ReadOnlySpan<float> vals = memberships.ValuesOf(r);
            double total = 0;
            sum.Clear();
            for (int e = 0; e < cols.Length; e++)
            {
                total += vals[e];
                for (int d = 0; d < dims; d++)
                {
                    sum[d] += vals[e] * fitted[(cols[e] * dims) + d];
                }
            }

            for (int d = 0; d < dims; d++)
            {
                result[(r * dims) + d] = total > 0 ? (float)(sum[d] / total) : centroid[d];
            }
        }

        return result;
    }

    private static ulong Seed(UmapOptions options) => unchecked((ulong)options.Seed);
}
