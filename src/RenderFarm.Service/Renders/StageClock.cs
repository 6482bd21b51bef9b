using System.Diagnostics;

namespace RenderFarm.Service.Renders;

/// <summary>Seconds spent in each stage of a run, in the order the stages ran, for the manifest.</summary>
public sealed class StageClock
{
    private readonly List<StageTiming> _stages = [];

    public IReadOnlyList<StageTiming> Stages => _stages;

    public T Time<T>(string stage, Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            _stages.Add(new StageTiming(stage, Stopwatch.GetElapsedTime(start).TotalSeconds));
        }
    }

    /// <summary>Records a stage timed elsewhere (an output whose seconds the writer measured).</summary>
    public void Add(StageTiming timing) => _stages.Add(timing);

    public void Time(string stage, Action work) => Time(stage, () =>
    {
        work();
        return 0;
    });
}

public sealed record StageTiming(string Stage, double Seconds);
