using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// Coordinate sets a video plays one after another: a sweep's layouts (one per value, in order) or
/// a replay's snapshots (first to last). <see cref="Cached"/> when every set came from the cache.
/// </summary>
public sealed record LayoutSequence(IReadOnlyList<Matrix> Sets, bool Cached, double Seconds);
