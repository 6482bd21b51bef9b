using System.Globalization;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// t-SNE (van der Maaten &amp; Hinton 2008) as openTSNE runs it: sparse perplexity-calibrated P
/// (<see cref="TsneAffinities"/>), a tiny PCA start, early exaggeration then plain optimisation
/// (<see cref="TsneOptimizer"/>), with FFT-interpolated repulsion in 2-D
/// (<see cref="FftRepulsion2D"/>) and Barnes-Hut in 3-D (<see cref="BarnesHutRepulsion3D"/>).
/// Coordinates are N × dims, row-major.
/// </summary>
public static class TsneLayout
{
    /// <summary>Lays out the rows of <paramref name="data"/>; returns N × <see cref="TsneOptions.Dims"/> coordinates.</summary>
    /// <param name="callback">Optional per-iteration observer that can stop the run early.</param>
    public static float[] Fit(Matrix data, TsneOptions options, TsneIterationCallback? callback = null, CancellationToken ct = default)
    {
        options.Validate(data.Rows);
        SparseAffinities p = TsneAffinities.Joint(data, options, ct);
        double[] y = TsneInitialization.Create(data, options);
        IRepulsion repulsion = options.Dims == 2 ? new FftRepulsion2D() : new BarnesHutRepulsion3D(options.Theta);
        var optimizer = new TsneOptimizer(new TsneObjective(p, repulsion, options.Dims), options.Dims);
        int n = data.Rows;
        TsnePhase[] phases =
        [
            new(options.EarlyExaggerationIterations, options.EarlyExaggeration, 0.5, options.LearningRateFor(n, options.EarlyExaggeration)),
            new(options.Iterations, 1, 0.8, options.LearningRateFor(n, 1)),
        ];
        optimizer.Run(y, phases, callback, ct);
        return Array.ConvertAll(y, c => (float)c);
    }

    /// <summary>
    /// Places M new points into a fitted layout (openTSNE's transform): each starts at the
    /// P-weighted mean of its nearest fitted points, then only the new points move, attracted by
    /// their fitted neighbours and repelled by the whole fitted layout, which stays fixed.
    /// Returns M × dims coordinates.
    /// </summary>
    /// <param name="fittedData">The N × D data the layout was fitted to.</param>
    /// <param name="fitted">That layout, N × dims.</param>
    /// <param name="newData">M × D new rows.</param>
    /// <param name="options">The options of the fit (dims, metric).</param>
    public static float[] Transform(
        Matrix fittedData,
        float[] fitted,
        Matrix newData,
        TsneOptions options,
        TsneTransformOptions? transform = null,
        TsneIterationCallback? callback = null,
        CancellationToken ct = default)
    {
        transform ??= new TsneTransformOptions();
        int dims = options.Dims;
        ValidateTransform(fittedData, fitted, options, transform);
        SparseAffinities p = TsneAffinities.ToReference(fittedData, newData, transform.Perplexity, options.Metric, ct);
        double[] reference = Array.ConvertAll(fitted, c => (double)c);
        double[] y = WeightedMeans(p, reference, dims);
        var objective = new TsneObjective(p, new ReferenceRepulsion(reference, dims), dims, reference);
        TsnePhase[] phases = [new(transform.Iterations, transform.Exaggeration, transform.Momentum, transform.LearningRate, transform.MaxGradientNorm)];
        new TsneOptimizer(objective, dims).Run(y, phases, callback, ct);
        return Array.ConvertAll(y, c => (float)c);
    }

    private static void ValidateTransform(Matrix fittedData, float[] fitted, TsneOptions options, TsneTransformOptions transform)
    {
        (options with { Init = TsneInit.Random }).Validate(fittedData.Rows);
        if (fitted.Length != (long)fittedData.Rows * options.Dims)
        {
            throw new LayoutException($"fitted coordinates have {fitted.Length} values; {fittedData.Rows} points × {options.Dims} dims need {(long)fittedData.Rows * options.Dims}");
        }

        Require(transform.Iterations >= 0, "n_iter", transform.Iterations, "must be at least 0");
        Require(transform.LearningRate > 0 && double.IsFinite(transform.LearningRate), "learning_rate", transform.LearningRate, "must be positive");
        Require(transform.Exaggeration > 0 && double.IsFinite(transform.Exaggeration), "exaggeration", transform.Exaggeration, "must be positive");
        Require(transform.Momentum >= 0 && transform.Momentum < 1, "momentum", transform.Momentum, "must be in [0, 1)");
        Require(transform.MaxGradientNorm > 0, "max_grad_norm", transform.MaxGradientNorm, "must be positive");
    }

    private static void Require(bool condition, string key, double value, string rule)
    {
        if (!condition)
        {
            throw new LayoutException($"{key} ({value.ToString(CultureInfo.InvariantCulture)}) {rule}");
        }
    }

    /// <summary>Each new point at the P-weighted mean of its neighbours' fitted positions (M × dims).</summary>
    private static double[] WeightedMeans(SparseAffinities p, double[] reference, int dims)
    {
        var y = new double[p.Rows * dims];
        for (int i = 0; i < p.Rows; i++)
        {
            ReadOnlySpan<int> columns = p.ColumnsOf(i);
            ReadOnlySpan<double> values = p.ValuesOf(i);
            for (int e = 0; e < columns.Length; e++)
            {
                for (int d = 0; d < dims; d++)
                {
                    y[(i * dims) + d] += values[e] * reference[(columns[e] * dims) + d];
                }
            }
        }

        return y;
    }
}
