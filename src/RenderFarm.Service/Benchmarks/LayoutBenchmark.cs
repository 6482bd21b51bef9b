using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Pca;
using RenderFarm.Layouts.Quality;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// `renderfarm bench layouts`: UMAP (k-NN, fit, load + k-NN + fit in this process, and a whole
/// `renderfarm layout --no-metrics` process launched on the same rows), grid snapping (exact on 64×64 and 100×100, scalable on the largest size and against
/// exact on 10,000), and PCA on the first N Fashion-MNIST rows, all in this process; then the peer
/// scripts in the same run when they are installed, and each of our rows set against its target.
/// </summary>
internal static class LayoutBenchmark
{
    public const int QualitySeed = 0;

    public static LayoutBenchReport Run(string outputRoot, LayoutBenchmarkOptions options, TextWriter log)
    {
        string scratch = Path.Combine(Path.GetTempPath(), $"renderfarm-bench-layouts-{Guid.NewGuid():N}");
        try
        {
            (List<LayoutBenchRow> rows, Dictionary<int, float[]> umapLayouts, Dictionary<string, float[]> scored) = Ours(options, scratch, log);
            LayoutPeerFigures peers = LayoutPeers.Measure(options, umapLayouts, scored, scratch, log);
            LayoutPeers.KeepRecords(scratch, Path.Combine(outputRoot, "bench", "layouts-peers"));
            var report = new LayoutBenchReport(LayoutBenchTsneChecks.Attach(LayoutBenchChecks.Attach(rows, peers), peers), peers.Notes);
            report.Write(outputRoot, log);
            return report;
        }
        finally
        {
            try
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
            catch (IOException)
            {
                // Leftovers in temp are harmless.
            }
        }
    }

    /// <summary>Our rows, the UMAP layouts by size (the grids snap them) and the layouts a peer's quality is compared with, by row key.</summary>
    private static (List<LayoutBenchRow> Rows, Dictionary<int, float[]> UmapLayouts, Dictionary<string, float[]> Scored) Ours(LayoutBenchmarkOptions options, string scratch, TextWriter log)
    {
        int largest = options.Sizes[^1];
        var rows = new List<LayoutBenchRow>();
        log.WriteLine($"loading the first {largest:N0} Fashion-MNIST rows...");
        Matrix pixels = null!;
        int[] classes = [];
        Measurement load = Measurement.Of(() => (pixels, classes) = LayoutBenchmarkData.LoadFirst(largest));
        rows.Add(LayoutBenchRow.Of("load", $"load Fashion-MNIST from .gz, first {largest:N0}", largest, load));

        var umapLayouts = new Dictionary<int, float[]>();
        var scored = new Dictionary<string, float[]>();
        bool gridNeedsUmap = options.Runs("grid");
        foreach (int n in options.Sizes)
        {
            Matrix data = n == largest ? pixels : LayoutBenchmarkData.Head(pixels, n);
            int[] labels = classes[..n];
            if (options.Runs("umap") || (gridNeedsUmap && n == largest))
            {
                (float[] xy, IReadOnlyList<LayoutBenchRow> umapRows) = Umap(data, labels, load, log, record: options.Runs("umap"));
                umapLayouts[n] = xy;
                rows.AddRange(umapRows);
                if (options.Runs("umap"))
                {
                    scored[$"umap-total-{n}"] = xy;
                    rows.Add(LayoutBenchmarkProcess.Run(n, scratch, log));
                }
            }

            if (options.Runs("pca"))
            {
                log.WriteLine($"pca {n:N0}...");
                Matrix? pca = null;
                Measurement m = Measurement.Of(() => pca = RandomizedPca.Layout(data, 2, 42));
                rows.Add(WithQuality(LayoutBenchRow.Of($"pca-{n}", $"PCA 2-D, {n:N0} × 784 (randomized)", n, m), data, pca!, labels));
            }

            if (options.Runs("tsne"))
            {
                (LayoutBenchRow row, float[] xy) = LayoutBenchmarkTsne.Run(data, labels, log);
                rows.Add(row);
                scored[row.Key] = xy;
            }
        }

        if (gridNeedsUmap)
        {
            rows.AddRange(LayoutBenchmarkGrid.Run(pixels, classes, umapLayouts[largest], log));
        }

        return (rows, umapLayouts, scored);
    }

    /// <summary>UMAP as `renderfarm layout` runs it: graph k = n_neighbors − 1 (ours leaves the point itself out).</summary>
    private static (float[] Xy, IReadOnlyList<LayoutBenchRow> Rows) Umap(Matrix data, int[] labels, Measurement load, TextWriter log, bool record)
    {
        int n = data.Rows;
        var options = new UmapOptions { NNeighbors = 15, MinDist = 0.1f, Seed = 42 };
        log.WriteLine($"umap {n:N0}: k-NN...");
        KnnGraph? graph = null;
        Measurement knn = Measurement.Of(() => graph = NearestNeighbors.Build(data, options.NNeighbors - 1, DistanceMetric.Euclidean, options.Seed, deterministic: false));
        log.WriteLine($"umap {n:N0}: fit...");
        float[]? xy = null;
        Measurement fit = Measurement.Of(() => xy = UmapLayout.Fit(graph!, options, data: data));
        if (!record)
        {
            return (xy!, []);
        }

        var total = new Measurement(knn.Seconds + fit.Seconds, knn.CpuSeconds + fit.CpuSeconds, fit.PeakWorkingSetBytes);
        var whole = new Measurement(load.Seconds + total.Seconds, load.CpuSeconds + total.CpuSeconds, fit.PeakWorkingSetBytes);
        string method = NearestNeighbors.UsesExact(n, data.Columns) ? "exact" : "NN-descent";
        LayoutBenchRow totalRow = WithQuality(LayoutBenchRow.Of($"umap-total-{n}", $"UMAP {n:N0}: k-NN + fit (n_neighbors 15, min_dist 0.1)", n, total), data, new Matrix(n, 2, xy!), labels);
        return (xy!, [
            LayoutBenchRow.Of($"umap-knn-{n}", $"UMAP {n:N0}: k-NN graph, k = 14 ({method})", n, knn),
            LayoutBenchRow.Of($"umap-fit-{n}", $"UMAP {n:N0}: fit (graph, init, SGD), seed 42", n, fit),
            totalRow,
            LayoutBenchRow.Of($"umap-whole-{n}", $"UMAP {n:N0}: load + k-NN + fit, in-process", n, whole, "load of all rows + this size's k-NN and fit; no runtime start-up"),
        ]);
    }

    /// <summary>T(15), 10-NN accuracy on the seed-0 sample of 5,000, as the peers' quality.py scores theirs.</summary>
    public static LayoutBenchRow WithQuality(LayoutBenchRow row, Matrix data, Matrix layout, int[] labels)
    {
        QualityReport q = LayoutQuality.Evaluate(data, layout, labels, QualitySeed, Math.Min(LayoutQuality.DefaultSampleSize, data.Rows));
        return row with { Trustworthiness = Math.Round(q.Trustworthiness, 4), KnnAccuracy = q.KnnAccuracy is double a ? Math.Round(a, 4) : null };
    }
}
