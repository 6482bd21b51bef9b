namespace RenderFarm.Layouts.Umap;

/// <summary>
/// Called after every optimisation epoch with the number of epochs completed (1-based) and the live
/// N × dims row-major coordinates (copy them to keep a snapshot: they change in the next epoch).
/// Return false to stop early; the coordinates at that point become the result.
/// </summary>
public delegate bool UmapEpochCallback(int epoch, ReadOnlySpan<float> coordinates);
