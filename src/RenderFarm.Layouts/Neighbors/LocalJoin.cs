using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// NN-descent's local join: every point introduces its candidates to each other (new × new and
/// new × old), and pairs closer than either end's current worst neighbour improve the graph.
/// Distances, the expensive part, are always computed in parallel; the two modes differ only in how
/// improvements reach the heaps.
/// </summary>
internal sealed class LocalJoin
{
    private const int BlockPoints = 8192;
    private const int ChunkPoints = 128;
    private const int LockStripes = 4096;

    private readonly RowDistances distances;
    private readonly NeighborHeaps heaps;
    private readonly List<JoinUpdate>[] buffers = new List<JoinUpdate>[BlockPoints / ChunkPoints];
    private readonly Lock[] stripes = new Lock[LockStripes];

    public LocalJoin(RowDistances distances, NeighborHeaps heaps)
    {
        this.distances = distances;
        this.heaps = heaps;
        for (int b = 0; b < buffers.Length; b++)
        {
            buffers[b] = [];
        }

        for (int s = 0; s < stripes.Length; s++)
        {
            stripes[s] = new Lock();
        }
    }

    /// <summary>
    /// Deterministic mode: points are joined a block at a time; each chunk buffers its updates, then
    /// workers that own disjoint ranges of points replay all buffers in chunk order. Every heap therefore
    /// sees the same pushes in the same order whatever the thread count or timing.
    /// </summary>
    public long RunBuffered(CandidateLists candidates, CancellationToken ct)
    {
        int n = heaps.Count;
        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 1024));
        var options = new ParallelOptions { CancellationToken = ct };
        long applied = 0;
        for (int blockStart = 0; blockStart < n; blockStart += BlockPoints)
        {
            int blockEnd = Math.Min(n, blockStart + BlockPoints);
            int chunks = (blockEnd - blockStart + ChunkPoints - 1) / ChunkPoints;
            Parallel.For(0, chunks, options, chunk =>
            {
                List<JoinUpdate> buffer = buffers[chunk];
                buffer.Clear();
                int start = blockStart + (chunk * ChunkPoints);
                int end = Math.Min(blockEnd, start + ChunkPoints);
                for (int point = start; point < end; point++)
                {
                    Join(candidates, point, (a, b, d) => buffer.Add(new JoinUpdate(a, b, d)));
                }
            });

            Parallel.For(0, parts, options, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
            {
                int lo = (int)((long)n * part / parts);
                int hi = (int)((long)n * (part + 1) / parts);
                long mine = 0;
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    foreach (JoinUpdate update in buffers[chunk])
                    {
                        if (update.First >= lo && update.First < hi && heaps.TryPush(update.First, update.Second, update.Distance))
                        {
                            mine++;
                        }

                        if (update.Second >= lo && update.Second < hi && heaps.TryPush(update.Second, update.First, update.Distance))
                        {
                            mine++;
                        }
                    }
                }

                Interlocked.Add(ref applied, mine);
            });
        }

        return applied;
    }

    /// <summary>Fast mode: improvements go straight into the heaps under striped locks, so thresholds tighten sooner.</summary>
    public long RunLocked(CandidateLists candidates, CancellationToken ct)
    {
        long applied = 0;
        var options = new ParallelOptions { CancellationToken = ct };
        int chunks = (heaps.Count + ChunkPoints - 1) / ChunkPoints;
        Parallel.For(0, chunks, options, chunk =>
        {
            long mine = 0;
            int start = chunk * ChunkPoints;
            int end = Math.Min(heaps.Count, start + ChunkPoints);
            for (int point = start; point < end; point++)
            {
                Join(candidates, point, (a, b, d) =>
                {
                    mine += Push(a, b, d) ? 1 : 0;
                    mine += Push(b, a, d) ? 1 : 0;
                });
            }

            Interlocked.Add(ref applied, mine);
        });
        return applied;
    }

    private bool Push(int point, int neighbor, float distance)
    {
        // A stale threshold read only costs a wasted lock; the push re-checks under the lock.
        if (distance >= heaps.Threshold(point))
        {
            return false;
        }

        lock (stripes[point & (LockStripes - 1)])
        {
            return heaps.TryPush(point, neighbor, distance);
        }
    }

    // Hot loops compiled fully optimised from the first call: tier-0 code would run the whole first search.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Join(CandidateLists candidates, int point, Action<int, int, float> improve)
    {
        int capacity = candidates.Capacity;
        ReadOnlySpan<int> fresh = candidates.New.AsSpan(point * capacity, capacity);
        ReadOnlySpan<int> old = candidates.Old.AsSpan(point * capacity, capacity);
        // Candidate lists are about k long; only unusually large k would overflow a stack buffer.
        Span<int> partners = capacity <= 128 ? stackalloc int[2 * capacity] : new int[2 * capacity];
        Span<float> measured = capacity <= 128 ? stackalloc float[2 * capacity] : new float[2 * capacity];
        for (int a = 0; a < fresh.Length; a++)
        {
            int p = fresh[a];
            if (p < 0)
            {
                continue;
            }

            // Gather p's partners (later new candidates, then all old ones) so their distances come
            // from one batched pass that loads p's row once per four partners.
            int count = 0;
            for (int b = a + 1; b < fresh.Length; b++)
            {
                if (fresh[b] >= 0 && fresh[b] != p)
                {
                    partners[count++] = fresh[b];
                }
            }

            foreach (int q in old)
            {
                if (q >= 0 && q != p)
                {
                    partners[count++] = q;
                }
            }

            distances.FromOne(p, partners[..count], measured);
            float pThreshold = heaps.Threshold(p);
            for (int j = 0; j < count; j++)
            {
                int q = partners[j];
                float d = measured[j];
                if (d < pThreshold || d < heaps.Threshold(q))
                {
                    improve(p, q, d);
                }
            }
        }
    }
}
