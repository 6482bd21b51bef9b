using System.Diagnostics;
using System.Globalization;
using RenderFarm.Core;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// The "whole process" UMAP figure, like for like with umap-learn's one-shot process (interpreter
/// start, imports, np.load of the cached pixel matrix, fit with JIT, np.save): a fresh
/// `renderfarm layout --no-metrics` process on a scene of the first N Fashion-MNIST rows, timed
/// from launch to exit, with the pixel vectors already in the embedding cache (our np.load) and
/// terrain off. It still does a little the peer's script does not (k-means clusters, the CSV and
/// report beside the NPY), so the figure errs against us. The embed that fills the cache runs
/// first, untimed.
/// </summary>
internal static class LayoutBenchmarkProcess
{
    public static LayoutBenchRow Run(int n, string scratch, TextWriter log)
    {
        string folder = Path.Combine(scratch, $"process-{n}");
        Directory.CreateDirectory(folder);
        string scene = Path.Combine(folder, "scene.yaml");
        File.WriteAllText(scene, SceneYaml(n));
        log.WriteLine($"umap {n:N0}: `renderfarm embed` to fill the embedding cache (untimed)...");
        Launch(n, folder, "embed", scene, log);
        log.WriteLine($"umap {n:N0}: whole `renderfarm layout --no-metrics` process, embeddings cached...");
        Measurement m = Launch(n, folder, "layout", scene, log, "--no-metrics");
        return LayoutBenchRow.Of($"umap-process-{n}", $"UMAP {n:N0}: whole `renderfarm layout --no-metrics` process", n, m, "launch to exit; vectors from the cache as umap-learn's from its .npy; writes npy, csv, clusters; CPU and peak sampled every 0.1 s");
    }

    private static Measurement Launch(int n, string folder, string command, string scene, TextWriter log, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "renderfarm.dll"), command, scene, "--output", Path.Combine(folder, "output"), "--cache", Path.Combine(folder, "cache") }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        var errors = new System.Text.StringBuilder();
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new RenderFarmException("could not start dotnet");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peakKib = 0;
        double cpuSeconds = 0;
        // Linux forgets a process's high-water mark and CPU time once it has exited, so sample them while it runs.
        while (!process.WaitForExit(100))
        {
            (peakKib, cpuSeconds) = Sample(process.Id, peakKib, cpuSeconds);
        }

        clock.Stop();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new RenderFarmException($"`renderfarm {command}` on {n:N0} rows failed (exit {process.ExitCode}): {errors.ToString().Trim()}");
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {command}: {clock.Elapsed.TotalSeconds:F2} s, peak {peakKib / 1024.0:F0} MiB"));
        return new Measurement(clock.Elapsed.TotalSeconds, cpuSeconds, peakKib * 1024);
    }

    private static string SceneYaml(int n) => string.Create(CultureInfo.InvariantCulture, $"""
        name: bench-layouts-{n}
        dataset:
          kind: idx
          path: {EmbedBenchmark.FashionMnist}
          limit: {n}
          stratify: false
        embedder:
          kind: pixels
        near_duplicates:
          enabled: false
        layouts:
          umap:
            n_neighbors: 15
            min_dist: 0.1
            seed: 42
            terrain: none
        """);

    /// <summary>VmHWM (peak resident KiB) and utime + stime from /proc; the last values seen before exit.</summary>
    private static (long PeakKib, double CpuSeconds) Sample(int pid, long peakKib, double cpuSeconds)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peakKib = Math.Max(peakKib, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
                }
            }

            // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            cpuSeconds = Math.Max(cpuSeconds, ticks / 100.0); // USER_HZ, 100 on Linux
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // The process exited between WaitForExit and the read: keep the last sample.
        }

        return (peakKib, cpuSeconds);
    }
}
