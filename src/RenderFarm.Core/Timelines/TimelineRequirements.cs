using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Timelines;

/// <summary>A set of coordinates a video needs from the layouts engine.</summary>
public abstract record CoordinateRequest(string Name);

/// <summary>A layout of the scene, as computed (and aligned) for posters too.</summary>
public sealed record LayoutRequest(string Layout) : CoordinateRequest(Layout);

/// <summary>
/// <see cref="Layout"/> recomputed with <see cref="Parameter"/> at each of <see cref="Values"/> in
/// order, each warm-started from the previous and aligned to it: a sequence of Values.Count sets.
/// </summary>
public sealed record SweepRequest(string Name, string Layout, string Parameter, IReadOnlyList<double> Values) : CoordinateRequest(Name);

/// <summary>Snapshots of <see cref="Layout"/>'s optimisation every <see cref="Every"/> iterations, aligned to the final layout: a sequence.</summary>
public sealed record ReplayRequest(string Name, string Layout, int Every) : CoordinateRequest(Name);

/// <summary>What <see cref="Timeline.Build"/> will ask of its <see cref="TimelineInputs"/>, so the caller computes exactly that.</summary>
public static class TimelineRequirements
{
    public static IReadOnlyList<CoordinateRequest> For(VideoOutputSpec video)
    {
        var requests = new List<CoordinateRequest> { new LayoutRequest(video.Layout) };
        foreach (TimelineStep step in video.Timeline)
        {
            switch (step)
            {
                case HoldStep { Layout: { } layout }:
                    requests.Add(new LayoutRequest(layout));
                    break;
                case MorphStep morph:
                    if (morph.From is { } from) requests.Add(new LayoutRequest(from));
                    requests.Add(new LayoutRequest(morph.To));
                    break;
                case SweepStep sweep:
                    requests.Add(new SweepRequest(sweep.SequenceName, sweep.Layout, sweep.Parameter, sweep.Values));
                    break;
                case ReplayStep replay:
                    requests.Add(new ReplayRequest(replay.SequenceName, replay.Layout, replay.Every));
                    requests.Add(new LayoutRequest(replay.Layout));
                    break;
            }
        }

        return requests.DistinctBy(r => (r.GetType(), r.Name)).ToArray();
    }
}
