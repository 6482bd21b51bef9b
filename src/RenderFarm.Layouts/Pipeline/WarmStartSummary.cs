namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// How a layout started from the previous run's: <see cref="Reused"/> when the items and
/// parameters were the same (its coordinates taken as they were), else computed from them with
/// <see cref="Kept"/> items starting where they were, <see cref="Added"/> placed among their
/// neighbours and <see cref="Removed"/> dropped. <see cref="MeanShift"/> is the kept items' mean
/// displacement after alignment as a fraction of the previous layout's extent (its larger side).
/// </summary>
public sealed record WarmStartSummary(string Run, bool Reused, int Kept, int Added, int Removed, double MeanShift);
