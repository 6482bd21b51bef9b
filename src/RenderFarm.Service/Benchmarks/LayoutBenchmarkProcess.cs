using System.Diagnostics;
using System.Globalization;
using RenderFarm.Core;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// The "whole process" UMAP figure: a fresh `renderfarm layout` process on a scene of the first N
/// Fashion-MNIST rows with an empty cache, timed from launch to exit, the way umap-learn's process
/// wall is taken. It does more than the peer's script (pixel embedding with its cache writes,
/// k-means clusters, quality metrics, CSV/NPY outputs), so the figure errs against us.
/// </summary>
internal static class LayoutBenchmarkProcess
{
    public static LayoutBenchRow Run(int n, string scratch, TextWriter log)
    {
        string folder = Path.Combine(scratch, $"process-{n}");
        Directory.CreateDirectory(folder);
        string scene = Path.Combine(folder, "scene.yaml");
        File.WriteAllText(scene, SceneYaml(n));
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "renderfarm.dll"), "layout", scene, "--output", Path.Combine(folder, "output"), "--cache", Path.Combine(folder, "cache") })
        {
            start.ArgumentList.Add(argument);
        }

        log.WriteLine($"umap {n:N0}: whole `renderfarm layout` process, cold cache...");
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
        if (process.ExitCode != 0)
        {
            throw new RenderFarmException($"`renderfarm layout` on {n:N0} rows failed (exit {process.ExitCode}): {errors.ToString().Trim()}");
        }

        var m = new Measurement(clock.Elapsed.TotalSeconds, cpuSeconds, peakKib * 1024);
        return LayoutBenchRow.Of($"umap-process-{n}", $"UMAP {n:N0}: whole `renderfarm layout` process", n, m, "launch to exit, cold cache; also embeds, clusters, scores, writes; CPU and peak sampled every 0.1 s");
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
