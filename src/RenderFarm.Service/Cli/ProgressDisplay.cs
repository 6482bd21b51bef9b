using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace RenderFarm.Service.Cli;

/// <summary>One step of progress in words and counts, whatever stage reports it.</summary>
internal readonly record struct ProgressUpdate(string Stage, int Done, int Total, string Detail);

/// <summary>Progress bars (Spectre.Console) on a terminal; a plain line every few seconds otherwise (logs, CI).</summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static T Run<TProgress, T>(CliConsole console, string title, Func<TProgress, ProgressUpdate> describe, Func<IProgress<TProgress>, T> work)
    {
        if (!console.IsInteractive)
        {
            return work(new PlainProgress<TProgress>(console.Out, title, describe));
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(title, maxValue: 1);
                var result = work(new Progress<TProgress>(value =>
                {
                    ProgressUpdate p = describe(value);
                    task.Description = $"{title}: {p.Stage}";
                    if (p.Total > 0)
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                    }
                }));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Synchronous (no thread-pool hop) and throttled, so log lines come out in order.</summary>
    private sealed class PlainProgress<TProgress>(TextWriter output, string title, Func<TProgress, ProgressUpdate> describe) : IProgress<TProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _gate = new();
        private TimeSpan _last = -PlainInterval;
        private string _stage = "";

        public void Report(TProgress value)
        {
            ProgressUpdate p = describe(value);
            lock (_gate)
            {
                bool stageChanged = p.Stage != _stage;
                bool finished = p.Total > 0 && p.Done == p.Total;
                if (!stageChanged && !finished && _clock.Elapsed - _last < PlainInterval)
                {
                    return;
                }

                _stage = p.Stage;
                _last = _clock.Elapsed;
                string counts = p.Total > 0
                    ? string.Create(CultureInfo.InvariantCulture, $" {p.Done:N0}/{p.Total:N0} ({100.0 * p.Done / p.Total:F0}%)")
                    : "";
                string detail = p.Detail.Length > 0 ? ", " + p.Detail : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1}s] {title}: {p.Stage}{counts}{detail}"));
            }
        }
    }
}
