using System.Diagnostics;
using Hangfire.Server;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// A job's progress as the API shows it, stored as the job parameter <see cref="JobProgress.Parameter"/>.
/// <see cref="Ended"/> is set when the job method returns or throws, so the API can tell a
/// cancelled job that has really stopped from one still unwinding.
/// </summary>
public sealed class JobProgressSnapshot
{
    public string Stage { get; set; } = "";
    public long Done { get; set; }
    public long Total { get; set; }
    public double Percent { get; set; }
    public double? EtaSeconds { get; set; }
    public bool Ended { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}

/// <summary>
/// Writes a job's progress into its Hangfire job parameters at most once a second (the storage is
/// shared and polled by the API; a frame loop reports hundreds of times a second). A stage change
/// and the end are always written. The ETA extrapolates the current stage's rate.
/// </summary>
public sealed class JobProgress(PerformContext? context)
{
    public const string Parameter = "progress";

    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private string _stage = "";
    private long _stageStart = Stopwatch.GetTimestamp();
    private long _lastWrite;

    /// <summary>An <see cref="IProgress{T}"/> that reports synchronously (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
    public IProgress<T> For<T>(Func<T, (string Stage, long Done, long Total)> read) => new Sink<T>(value =>
    {
        (string stage, long done, long total) = read(value);
        Report(stage, done, total);
    });

    public void Report(string stage, long done, long total)
    {
        lock (_lock)
        {
            long now = Stopwatch.GetTimestamp();
            bool newStage = stage != _stage;
            if (newStage)
            {
                _stage = stage;
                _stageStart = now;
            }
            else if (Stopwatch.GetElapsedTime(_lastWrite, now) < MinimumInterval)
            {
                return;
            }

            _lastWrite = now;
            double fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
            double elapsed = Stopwatch.GetElapsedTime(_stageStart, now).TotalSeconds;
            Write(new JobProgressSnapshot
            {
                Stage = stage,
                Done = done,
                Total = total,
                Percent = Math.Round(100 * fraction, 1),
                EtaSeconds = fraction > 0 && fraction < 1 ? Math.Round(elapsed / fraction * (1 - fraction), 1) : null,
            });
        }
    }

    /// <summary>The last word: "done", "stopped" (cancelled) or "failed".</summary>
    public void End(string outcome)
    {
        lock (_lock)
        {
            Write(new JobProgressSnapshot { Stage = outcome, Percent = outcome == "done" ? 100 : 0, Ended = true });
        }
    }

    private void Write(JobProgressSnapshot snapshot)
    {
        snapshot.UpdatedUtc = DateTimeOffset.UtcNow;
        context?.SetJobParameter(Parameter, snapshot);
    }

    private sealed class Sink<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
