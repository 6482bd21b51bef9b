using System.Diagnostics;

namespace RenderFarm.Service.Benchmarks;

/// <summary>Wall time and CPU use of a piece of work in this process.</summary>
internal readonly record struct Measurement(double Seconds, double CpuSeconds, long PeakWorkingSetBytes)
{
    /// <summary>Share of all cores kept busy: 1.0 means every core for the whole time.</summary>
    public double CoreUtilisation => CpuSeconds / Math.Max(Seconds, 1e-9) / Environment.ProcessorCount;

    public static Measurement Of(Action work)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        clock.Stop();
        process.Refresh();
        return new Measurement(clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, process.PeakWorkingSet64);
    }
}
