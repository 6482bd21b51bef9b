using System.Diagnostics;
using System.Globalization;
using RenderFarm.Embedding.Pipeline;
using Spectre.Console;

namespace RenderFarm.Service.Cli;

/// <summary>Progress bars (Spectre.Console) on a terminal; a plain line every few seconds otherwise (logs, CI).</summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static T Run<T>(CliConsole console, string title, Func<IProgress<EmbedProgress>, T> work)
    {
        if (!console.IsInteractive)
        {
            return work(new PlainProgress(console.Out, title));
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(title, maxValue: 1);
                var result = work(new Progress<EmbedProgress>(p =>
                {
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
    private sealed class PlainProgress(TextWriter output, string title) : IProgress<EmbedProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _gate = new();
        private TimeSpan _last = -PlainInterval;
        private string _stage = "";

        public void Report(EmbedProgress value)
        {
            lock (_gate)
            {
                bool stageChanged = value.Stage != _stage;
                bool finished = value.Total > 0 && value.Done == value.Total;
                if (!stageChanged && !finished && _clock.Elapsed - _last < PlainInterval)
                {
                    return;
                }

                _stage = value.Stage;
                _last = _clock.Elapsed;
                string counts = value.Total > 0
                    ? string.Create(CultureInfo.InvariantCulture, $" {value.Done:N0}/{value.Total:N0} ({100.0 * value.Done / value.Total:F0}%), cached {value.Cached:N0}, skipped {value.Skipped:N0}")
                    : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1}s] {title}: {value.Stage}{counts}"));
            }
        }
    }
}
