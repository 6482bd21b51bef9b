using System.Diagnostics;
using System.Text.Json;
using RenderFarm.Core;
using RenderFarm.Core.IO;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// Runs the peer scripts of shared/peers (umap-learn, uwot, scipy's linear_sum_assignment) in this
/// benchmark run, on a copy in temp as their README asks, because the machines are too noisy for
/// figures from another run to be compared. Without the apt packages it falls back to RESULTS.md.
/// </summary>
internal static class LayoutPeers
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Generous: umap-learn 70k takes about two minutes, and run_all.sh has its own 3,000 s limit.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(60);

    /// <param name="ourLayouts">Our 2-D layouts to score with quality.py, keyed by their row's key.</param>
    public static LayoutPeerFigures Measure(LayoutBenchmarkOptions options, IReadOnlyDictionary<int, float[]> ourUmap, IReadOnlyDictionary<string, float[]> ourLayouts, string scratch, TextWriter log)
    {
        if (options.Peers == "none")
        {
            return LayoutPeerFigures.FromResultsFile("--peers none");
        }

        string? folder = options.Peers == "auto" ? AutoFolder() : options.Peers;
        if (folder is null || !File.Exists(Path.Combine(folder, "run_all.sh")))
        {
            return options.Peers == "auto"
                ? LayoutPeerFigures.FromResultsFile("peer scripts not found at ../shared/peers from the repository")
                : throw new RenderFarmException($"--peers {folder}: no run_all.sh there.");
        }

        if (Run(Python, ["-c", "import umap, sklearn, scipy"], folder, TimeSpan.FromMinutes(2)) != 0)
        {
            return LayoutPeerFigures.FromResultsFile($"{Python} cannot import umap, sklearn, scipy (apt-get install umap-learn python3-sklearn python3-scipy)");
        }

        bool uwot = Run("Rscript", ["-e", "library(uwot)"], folder, TimeSpan.FromMinutes(2)) == 0;
        string peers = Path.Combine(scratch, "peers");
        CopyScripts(folder, peers);
        string outDir = Path.Combine(peers, "out");
        var figures = new LayoutPeerFigures();
        log.WriteLine($"peers: {peers}: data...");
        if (!Attempt(figures, "peer data step", () => Step(peers, "bash run_all.sh data", log)))
        {
            return LayoutPeerFigures.FromResultsFile(string.Join("; ", figures.Notes));
        }

        foreach (int n in options.Runs("umap") ? options.Sizes.Where(n => n is 10_000 or 70_000) : [])
        {
            string tag = n == 10_000 ? "10k" : "70k";
            Attempt(figures, $"umap-learn {n}", () =>
            {
                Step(peers, $"bash run_all.sh umap{tag} && {Python} quality.py umap_seed_{n}", log);
                figures.UmapLearn[n] = LayoutPeerFigures.ReadUmap(outDir, $"umap_seed_{n}", "umap-learn", n);
            });
            if (uwot)
            {
                Attempt(figures, $"uwot {n}", () =>
                {
                    Step(peers, $"bash run_all.sh uwot{tag} && {Python} quality.py uwot_{n}", log);
                    figures.Uwot[n] = LayoutPeerFigures.ReadUmap(outDir, $"uwot_{n}", "uwot", n);
                });
            }
        }

        if (!uwot)
        {
            figures.Notes.Add("uwot skipped: Rscript cannot load uwot");
        }

        if (options.Runs("tsne") && options.Sizes.Contains(10_000))
        {
            MeasureTsne(figures, peers, log);
        }

        if (options.Runs("grid") && ourUmap.Count > 0 && ourUmap.Keys.Max() >= 4_096)
        {
            // scipy snaps the same points we snap: the first 4,096 of our own largest UMAP layout.
            int n = ourUmap.Keys.Max();
            NpyFile.Write(Path.Combine(outDir, "renderfarm_umap.npy"), new Matrix(n, 2, ourUmap[n]));
            Attempt(figures, "scipy 4,096", () =>
            {
                Step(peers, $"/usr/bin/time -v -o out/lap_4096.time timeout 3000 {Python} run_lap.py 4096 out/renderfarm_umap.npy > out/lap_4096.log 2>&1", log);
                figures.Lap[4_096] = LayoutPeerFigures.ReadLap(outDir, 4_096);
            });
            figures.Notes.Add("scipy 10,000 not run (≈ 5 min, 2.3 GiB); exact 10,000 has an absolute target");
        }

        ScoreOurs(figures, peers, ourLayouts, log);
        figures.Notes.Add("peers measured in this run on this machine, one at a time after ours");
        return figures;
    }

    /// <summary>
    /// Those of our layouts that a peer of this run is compared with (umap-learn's UMAP, scikit-learn's
    /// t-SNE at the same size) through the peers' quality.py, one process for all of them: at 70k
    /// each costs about 12 s, so layouts without a peer to compare with are not scored.
    /// </summary>
    private static void ScoreOurs(LayoutPeerFigures figures, string peers, IReadOnlyDictionary<string, float[]> allOurs, TextWriter log)
    {
        Dictionary<string, float[]> ourLayouts = allOurs.Where(pair => HasPeer(figures, pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
        if (ourLayouts.Count == 0)
        {
            return;
        }

        string outDir = Path.Combine(peers, "out");
        Attempt(figures, "quality.py on our layouts", () =>
        {
            foreach ((string key, float[] xy) in ourLayouts)
            {
                NpyFile.Write(Path.Combine(outDir, $"renderfarm_{key}.npy"), new Matrix(xy.Length / 2, 2, xy));
            }

            Step(peers, $"{Python} quality.py {string.Join(' ', ourLayouts.Keys.Select(key => $"renderfarm_{key}"))}", log);
            foreach (string key in ourLayouts.Keys)
            {
                (double? trust, double? accuracy) = LayoutPeerFigures.ReadQuality(Path.Combine(outDir, $"renderfarm_{key}.quality.json"));
                if (trust is double t && accuracy is double a)
                {
                    figures.OursByPeerScript[key] = (t, a);
                }
            }
        });
        figures.Notes.Add("T(15) and 10-NN accuracy compared with a peer's are both scored by the peers' quality.py (the table's columns are our own scorer's, on another sample)");
    }

    /// <summary>Whether a row key (umap-total-N, tsne-N) has a peer measured in this run to compare quality with.</summary>
    private static bool HasPeer(LayoutPeerFigures figures, string key)
    {
        int n = int.Parse(key[(key.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return key.StartsWith("umap-total-", StringComparison.Ordinal) ? figures.UmapLearn.ContainsKey(n)
            : key.StartsWith("tsne-", StringComparison.Ordinal) && figures.SklearnTsne.ContainsKey(n);
    }

    /// <summary>
    /// scikit-learn's and Rtsne's t-SNE on 10k only: at 70k they take 9 and 21 minutes
    /// (RESULTS.md), and the 70k target is absolute.
    /// </summary>
    private static void MeasureTsne(LayoutPeerFigures figures, string peers, TextWriter log)
    {
        string outDir = Path.Combine(peers, "out");
        Attempt(figures, "scikit-learn TSNE 10,000", () =>
        {
            Step(peers, $"bash run_all.sh tsne10k && {Python} quality.py tsne_sklearn_10000", log);
            figures.SklearnTsne[10_000] = LayoutPeerFigures.ReadUmap(outDir, "tsne_sklearn_10000", "sklearn TSNE", 10_000);
        });
        if (Run("Rscript", ["-e", "library(Rtsne)"], peers, TimeSpan.FromMinutes(2)) != 0)
        {
            figures.Notes.Add("Rtsne skipped: Rscript cannot load Rtsne");
            return;
        }

        Attempt(figures, "Rtsne 10,000", () =>
        {
            Step(peers, $"bash run_all.sh rtsne10k && {Python} quality.py rtsne_10000", log);
            figures.Rtsne[10_000] = LayoutPeerFigures.ReadUmap(outDir, "rtsne_10000", "Rtsne", 10_000);
        });
        figures.Notes.Add("t-SNE peers: 10k only (scikit-learn 70k ≈ 9 min, Rtsne 70k ≈ 21 min in RESULTS.md)");
    }

    /// <summary>
    /// A failed peer step costs that peer's comparison, not the run: our rows were measured already.
    /// Its log is kept by <see cref="KeepRecords"/>.
    /// </summary>
    private static bool Attempt(LayoutPeerFigures figures, string what, Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception e) when (e is RenderFarmException or IOException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            figures.Notes.Add($"{what} failed, no figure: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// Copies the peers' small records (timings, /usr/bin/time reports, logs; not the 440 MB data
    /// cache or layouts) out of the scratch folder before it is deleted, so every ratio can be audited.
    /// </summary>
    public static void KeepRecords(string scratch, string destination)
    {
        string outDir = Path.Combine(scratch, "peers", "out");
        if (!Directory.Exists(outDir))
        {
            return;
        }

        Directory.CreateDirectory(destination);
        foreach (string file in Directory.EnumerateFiles(outDir).Where(f => Path.GetExtension(f) is ".json" or ".time" or ".log"))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>../shared/peers beside the repository, found by walking up from the program to RenderFarm.sln.</summary>
    private static string? AutoFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RenderFarm.sln")))
            {
                return dir.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "peers") : null;
            }
        }

        return null;
    }

    /// <summary>Scripts only: an out/ folder there may hold gigabytes of earlier layouts and data.</summary>
    private static void CopyScripts(string from, string to)
    {
        Directory.CreateDirectory(Path.Combine(to, "out"));
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static void Step(string folder, string command, TextWriter log)
    {
        log.WriteLine($"peers: {command}");
        int code = Run("bash", ["-c", command], folder, StepTimeout);
        if (code != 0)
        {
            throw new RenderFarmException($"exit {code}: {command}");
        }
    }

    private static int Run(string file, string[] arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using Process process = Process.Start(start) ?? throw new RenderFarmException($"could not start {file}");
            // Drain both pipes so a chatty script never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return -1;
            }

            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // not installed
        }
    }
}
