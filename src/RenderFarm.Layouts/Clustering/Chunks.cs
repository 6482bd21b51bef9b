namespace RenderFarm.Layouts.Clustering;

/// <summary>
/// A fixed split of 0..count into ranges. Parallel work that produces partial sums writes one per
/// range and the caller merges them in range order, so floating-point results do not depend on the
/// thread count or scheduling: clusterings must repeat exactly for a seed.
/// </summary>
internal static class Chunks
{
    public const int Count = 32;

    public static int For(int count) => Math.Max(1, Math.Min(Count, count));

    public static (int Start, int End) Range(int chunk, int chunks, int count) =>
        ((int)((long)count * chunk / chunks), (int)((long)count * (chunk + 1) / chunks));
}
