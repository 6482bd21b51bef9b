using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// One NN-descent iteration's join candidates: for every point, a random sample of its neighbours and
/// reverse neighbours, split into "new" (entered the graph since they were last sampled) and "old".
/// Sampling keeps the lowest hash priorities, so it is deterministic; the work is split by target point
/// (each worker scans all edges but writes only its own points), so no locks are needed.
/// </summary>
internal sealed class CandidateLists
{
    // Sampling priorities alongside New and Old: each list is a bounded max-heap keeping the lowest.
    private readonly float[] newPriority;
    private readonly float[] oldPriority;

    public CandidateLists(int count, int capacity)
    {
        Capacity = capacity;
        New = new int[count * capacity];
        Old = new int[count * capacity];
        newPriority = new float[count * capacity];
        oldPriority = new float[count * capacity];
    }

    public int Capacity { get; }

    /// <summary>Row-major N × Capacity new-candidate indices, padded with −1.</summary>
    public int[] New { get; }

    /// <summary>Row-major N × Capacity old-candidate indices, padded with −1.</summary>
    public int[] Old { get; }

    /// <summary>Samples candidates from the graph heaps and marks the sampled new neighbours as old.</summary>
    public void Fill(NeighborHeaps heaps, ulong seed, int iteration, CancellationToken ct)
    {
        int n = heaps.Count;
        int k = heaps.K;
        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 1024));
        var options = new ParallelOptions { CancellationToken = ct };
        Parallel.For(0, parts, options, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            int lo = (int)((long)n * part / parts);
            int hi = (int)((long)n * (part + 1) / parts);
            NeighborHeap.Clear(New.AsSpan(lo * Capacity, (hi - lo) * Capacity), newPriority.AsSpan(lo * Capacity, (hi - lo) * Capacity));
            NeighborHeap.Clear(Old.AsSpan(lo * Capacity, (hi - lo) * Capacity), oldPriority.AsSpan(lo * Capacity, (hi - lo) * Capacity));
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<int> neighbors = heaps.Indices.AsSpan(i * k, k);
                ReadOnlySpan<byte> flags = heaps.Flags.AsSpan(i * k, k);
                for (int s = 0; s < k; s++)
                {
                    int j = neighbors[s];
                    if (j < 0)
                    {
                        continue;
                    }

                    // The same priority for both directions, so a pair is sampled (or not) consistently.
                    float priority = Hash64.Unit(Hash64.Of(seed, (ulong)iteration, (ulong)Math.Min(i, j), (ulong)Math.Max(i, j)));
                    bool isNew = flags[s] != 0;
                    if (i >= lo && i < hi)
                    {
                        Offer(isNew, i, j, priority);
                    }

                    if (j >= lo && j < hi)
                    {
                        Offer(isNew, j, i, priority);
                    }
                }
            }
        });

        // Only once every worker has read the flags: neighbours sampled as new take part in this
        // iteration's join, so they are old from now on.
        Parallel.For(0, parts, options, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            int lo = (int)((long)n * part / parts);
            int hi = (int)((long)n * (part + 1) / parts);
            for (int i = lo; i < hi; i++)
            {
                Span<int> neighbors = heaps.Indices.AsSpan(i * k, k);
                Span<byte> flags = heaps.Flags.AsSpan(i * k, k);
                ReadOnlySpan<int> sampled = New.AsSpan(i * Capacity, Capacity);
                for (int s = 0; s < k; s++)
                {
                    if (flags[s] != 0 && sampled.Contains(neighbors[s]))
                    {
                        flags[s] = 0;
                    }
                }
            }
        });
    }

    // Called for every edge in every iteration: compiled fully optimised at once, not as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Offer(bool isNew, int point, int candidate, float priority)
    {
        Span<int> indices = (isNew ? New : Old).AsSpan(point * Capacity, Capacity);
        Span<float> priorities = (isNew ? newPriority : oldPriority).AsSpan(point * Capacity, Capacity);
        NeighborHeap.TryPushUnique(indices, priorities, Span<byte>.Empty, candidate, priority);
    }
}
