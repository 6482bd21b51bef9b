using System.Globalization;
using System.Text.Json;

namespace RenderFarm.Service.Benchmarks;

/// <summary>A UMAP peer's figures: fits inside the process, the one-shot process wall, its peak RSS and quality.</summary>
internal sealed record UmapPeer(string Tool, int N, double FitCold, double? FitWarm, double OneShotWall, double PeakMib, double? Trustworthiness, double? KnnAccuracy, bool FromResultsFile);

/// <summary>scipy's linear_sum_assignment on an s×s grid: cost build + solve seconds, mean displacement in cells.</summary>
internal sealed record LapPeer(int N, double Seconds, double MeanDisplacementCells, double PeakMib, bool FromResultsFile);

/// <summary>What the peers gave (this run, or RESULTS.md for orientation), keyed by N.</summary>
internal sealed class LayoutPeerFigures
{
    public Dictionary<int, UmapPeer> UmapLearn { get; } = [];

    public Dictionary<int, UmapPeer> Uwot { get; } = [];

    public Dictionary<int, LapPeer> Lap { get; } = [];

    /// <summary>scikit-learn's Barnes-Hut TSNE (a UMAP-like record: one fit, no warm one).</summary>
    public Dictionary<int, UmapPeer> SklearnTsne { get; } = [];

    public Dictionary<int, UmapPeer> Rtsne { get; } = [];

    /// <summary>
    /// Our layouts scored by the peers' own quality.py (its sample of 5,000 and its shuffled folds),
    /// keyed by our row's key: the quality targets compare these, so both sides of a comparison are
    /// the same measurement. Our in-process scorer draws another sample; on the same 70k UMAP layouts
    /// the two samples' 10-NN accuracies differed by up to 0.01.
    /// </summary>
    public Dictionary<string, (double Trustworthiness, double KnnAccuracy)> OursByPeerScript { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>shared/peers/RESULTS.md (2 cores, Debian 12), printed when the peers cannot run here; never used for ratios.</summary>
    public static LayoutPeerFigures FromResultsFile(string why)
    {
        var figures = new LayoutPeerFigures();
        figures.Notes.Add(why + "; peer figures below are from RESULTS.md, not this run");
        figures.UmapLearn[10_000] = new UmapPeer("umap-learn", 10_000, 20.0, 9.4, 27.5, 708, 0.9778, 0.7614, true);
        figures.UmapLearn[70_000] = new UmapPeer("umap-learn", 70_000, 51.9, 37.8, 59.5, 1886, 0.9746, 0.7628, true);
        figures.Uwot[10_000] = new UmapPeer("uwot", 10_000, 15.8, null, 17.8, 490, 0.9771, 0.7578, true);
        figures.Uwot[70_000] = new UmapPeer("uwot", 70_000, 127.3, null, 130.4, 1394, 0.9756, 0.7644, true);
        figures.SklearnTsne[10_000] = new UmapPeer("sklearn TSNE", 10_000, 87.4, null, 89.3, 411, 0.9848, 0.7916, true);
        figures.SklearnTsne[70_000] = new UmapPeer("sklearn TSNE", 70_000, 529.2, null, 531.8, 817, 0.9829, 0.8010, true);
        figures.Rtsne[10_000] = new UmapPeer("Rtsne", 10_000, 97.0, null, 97.6, 386, 0.9851, 0.7952, true);
        figures.Rtsne[70_000] = new UmapPeer("Rtsne", 70_000, 1269.2, null, 1271.8, 2350, 0.9818, 0.7948, true);
        figures.Lap[4_096] = new LapPeer(4_096, 1.14 + 21.03, 9.223, 442, true);
        figures.Lap[10_000] = new LapPeer(10_000, 6.86 + 297.69, 14.622, 2347, true);
        return figures;
    }

    /// <summary>Reads out/NAME.json, out/NAME.time (/usr/bin/time -v) and out/NAME.quality.json of a UMAP-like run.</summary>
    public static UmapPeer ReadUmap(string outDir, string name, string tool, int n)
    {
        using JsonDocument run = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, name + ".json")));
        double[] fits = run.RootElement.GetProperty("fit_s").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        (double wall, double peakMib) = ReadTime(Path.Combine(outDir, name + ".time"));
        double? warm = fits.Length > 1 ? fits[1] : null;
        // The script fits twice; a user's single run does not pay for the second fit.
        double oneShot = wall - fits.Skip(1).Sum();
        (double? trust, double? accuracy) = ReadQuality(Path.Combine(outDir, name + ".quality.json"));
        return new UmapPeer(tool, n, fits[0], warm, oneShot, peakMib, trust, accuracy, false);
    }

    public static LapPeer ReadLap(string outDir, int n)
    {
        using JsonDocument run = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, $"lap_{n}.json")));
        JsonElement root = run.RootElement;
        (_, double peakMib) = ReadTime(Path.Combine(outDir, $"lap_{n}.time"));
        return new LapPeer(n, root.GetProperty("cost_build_s").GetDouble() + root.GetProperty("lsa_s").GetDouble(), root.GetProperty("mean_disp_cells").GetDouble(), peakMib, false);
    }

    internal static (double? Trust, double? Accuracy) ReadQuality(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null);
        }

        using JsonDocument quality = JsonDocument.Parse(File.ReadAllText(path));
        return (quality.RootElement.GetProperty("trustworthiness_15").GetDouble(), quality.RootElement.GetProperty("knn10_acc").GetDouble());
    }

    /// <summary>Wall seconds and peak RSS (MiB) from a `/usr/bin/time -v` report.</summary>
    internal static (double WallSeconds, double PeakMib) ReadTime(string path)
    {
        double wall = double.NaN;
        double peak = double.NaN;
        foreach (string line in File.ReadLines(path))
        {
            string value = line[(line.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
            if (line.Contains("Elapsed (wall clock)", StringComparison.Ordinal))
            {
                // h:mm:ss or m:ss.ss
                wall = value.Split(':').Aggregate(0.0, (sum, part) => (sum * 60) + double.Parse(part, CultureInfo.InvariantCulture));
            }
            else if (line.Contains("Maximum resident set size", StringComparison.Ordinal))
            {
                peak = double.Parse(value, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return (wall, Math.Round(peak, 0));
    }
}
