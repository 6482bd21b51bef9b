using System.Diagnostics;
using System.Globalization;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// Our 2-D t-SNE with every default (perplexity 30, 250 exaggerated + 500 plain iterations, PCA
/// init, seed 42) on the first N Fashion-MNIST rows, timed from the pixels to the finished layout,
/// as the scikit-learn and Rtsne peers time their fits.
/// </summary>
internal static class LayoutBenchmarkTsne
{
    /// <summary>The row and the layout (N × 2).</summary>
    public static (LayoutBenchRow Row, float[] Layout) Run(Matrix data, int[] labels, TextWriter log)
    {
        int n = data.Rows;
        var options = new TsneOptions { Seed = 42 };
        log.WriteLine($"tsne {n:N0}: neighbours, affinities, {options.EarlyExaggerationIterations + options.Iterations} iterations...");
        var clock = new Stopwatch();
        double firstIteration = 0;
        float[]? xy = null;

        // The callback only reads the clock once, at the first iteration: it separates the
        // neighbour and affinity step (plus one iteration) from the optimisation.
        Measurement m = Measurement.Of(() =>
        {
            clock.Start();
            xy = TsneLayout.Fit(data, options, (iteration, _, _) =>
            {
                if (iteration == 1)
                {
                    firstIteration = clock.Elapsed.TotalSeconds;
                }

                return true;
            });
        });
        int iterations = options.EarlyExaggerationIterations + options.Iterations;
        double optimisation = m.Seconds - firstIteration;
        string note = string.Create(
            CultureInfo.InvariantCulture,
            $"k-NN + P + init + 1st iteration {firstIteration:F1} s; then {optimisation / Math.Max(1, iterations - 1) * 1000:F1} ms per iteration; peak is the process's so far");
        LayoutBenchRow row = LayoutBenchRow.Of(
            $"tsne-{n}",
            $"t-SNE {n:N0}: k-NN + P + {iterations} iterations (FFT, perplexity 30)",
            n,
            m,
            note);
        return (LayoutBenchmark.WithQuality(row, data, new Matrix(n, 2, xy!), labels), xy!);
    }
}
