using System.Diagnostics;

namespace RenderFarm.Service.Benchmarks;

/// <summary>Wall time, CPU use and peak resident memory of a piece of work in this process.</summary>
internal readonly record struct Measurement(double Seconds, double CpuSeconds, long PeakWorkingSetBytes)
{
    /// <summary>Share of all cores kept busy: 1.0 means every core for the whole time.</summary>
    public double CoreUtilisation => CpuSeconds / Math.Max(Seconds, 1e-9) / Environment.ProcessorCount;

    public static Measurement Of(Action work)
    {
        using var process = Process.GetCurrentProcess();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ResetPeak();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        clock.Stop();
        process.Refresh();
        return new Measurement(clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, process.PeakWorkingSet64);
    }

    /// <summary>
    /// Sets the kernel's peak-resident mark (VmHWM, which PeakWorkingSet64 reads) back to the current
    /// resident size, so each row's peak is its own and not that of an earlier, bigger row. Linux
    /// only ("5" to clear_refs); elsewhere the peak stays the process's.
    /// </summary>
    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the figure stays the process-wide peak, which errs high.
        }
    }
}
