namespace RenderFarm.Core.Datasets;

/// <summary>An item left out of a run, with the reason; listed in the run report.</summary>
public sealed record SkippedItem(string Id, string? Path, string Reason, string Detail);
