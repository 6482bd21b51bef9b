using System.Runtime.CompilerServices;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// Approximate k nearest neighbours by NN-descent (Dong et al. 2011, as refined in pynndescent):
/// a random-projection forest gives each point plausible neighbours, then repeated local joins
/// ("a neighbour of my neighbour is probably my neighbour") improve the graph until an iteration
/// changes fewer than Delta · N · k slots.
/// </summary>
public static class NNDescent
{
    public static KnnGraph Build(Matrix data, int k, DistanceMetric metric, NNDescentOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        NeighborInput.Validate(data, k);
        if (options.SampleRate <= 0 || options.SampleRate > 1 || options.MaxIterations < 0 || options.Delta < 0 || options.Trees < 0 || options.LeafSize < 2)
        {
            throw new LayoutException("NN-descent options out of range: sample rate in (0, 1], iterations ≥ 0, delta ≥ 0, trees ≥ 0, leaf size ≥ 2.");
        }

        int n = data.Rows;
        ulong seed = Hash64.Mix((ulong)(uint)options.Seed);
        int[]? order = n >= options.LocalityFromPoints ? LocalityOrder.Compute(data, Hash64.Of(seed, 0x10CAUL), ct) : null;
        var distances = new RowDistances(order is null ? data : LocalityOrder.Permute(data, order), metric);
        var heaps = new NeighborHeaps(n, k);
        int trees = options.Trees ?? DefaultTrees(n);
        int leafSize = options.LeafSize ?? Math.Max(10, k);
        SeedFromForest(distances, heaps, trees, leafSize, seed, ct);
        FillShortRows(distances, heaps, seed, ct);

        int capacity = Math.Max(1, (int)Math.Ceiling(options.SampleRate * 2 * k));
        var candidates = new CandidateLists(n, capacity);
        var join = new LocalJoin(distances, heaps);
        double stopBelow = options.Delta * n * k;
        for (int iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            candidates.Fill(heaps, seed, iteration, ct);
            long changed = options.Deterministic ? join.RunBuffered(candidates, ct) : join.RunLocked(candidates, ct);
            if (changed <= stopBelow)
            {
                break;
            }
        }

        KnnGraph graph = heaps.ToGraph(distances);
        return order is null ? graph : LocalityOrder.Restore(graph, order);
    }

    /// <summary>
    /// Fewer than pynndescent's 5 + N^¼: on Fashion-MNIST 70k, going from 6 to 10 trees saved one
    /// NN-descent iteration but cost about as much in tree building and leaf joins, so more do not pay.
    /// </summary>
    private static int DefaultTrees(int n) => n < 20_000 ? 6 : 8;

    /// <summary>Every point starts with its leaf-mates from every tree.</summary>
    private static void SeedFromForest(RowDistances distances, NeighborHeaps heaps, int trees, int leafSize, ulong seed, CancellationToken ct)
    {
        int n = distances.Count;
        var forest = new RandomProjectionTree[trees];
        var options = new ParallelOptions { CancellationToken = ct };
        (float[] treeRows, int treeColumns) = RandomSketch.ForTrees(distances.Rows, n, distances.Columns, Hash64.Of(seed, 0x5CE7UL));
        Parallel.For(0, trees, options, t =>
        {
            RandomProjectionTree tree = RandomProjectionTree.Build(treeRows, n, treeColumns, leafSize, Hash64.Of(seed, 0x7EE5UL, (ulong)t), ct);
            forest[t] = tree;
        });

        // Within one tree the leaves are disjoint, so leaves can be joined in parallel while each
        // heap is touched by one worker only; trees go one after another, which keeps it deterministic.
        // Each pair is measured once, with the leaf's rows hot in cache.
        for (int t = 0; t < trees; t++)
        {
            RandomProjectionTree tree = forest[t];
            Parallel.For(0, tree.LeafCount, options, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (leaf) =>
            {
                ReadOnlySpan<int> members = tree.Order.AsSpan(tree.LeafStart[leaf], tree.LeafStart[leaf + 1] - tree.LeafStart[leaf]);
                for (int a = 0; a < members.Length; a++)
                {
                    for (int b = a + 1; b < members.Length; b++)
                    {
                        int p = members[a];
                        int q = members[b];
                        float d = distances.Between(p, q);
                        heaps.TryPush(p, q, d);
                        heaps.TryPush(q, p, d);
                    }
                }
            });
        }
    }

    /// <summary>Points whose leaves were too small get random neighbours, then any others, so every heap is full.</summary>
    private static void FillShortRows(RowDistances distances, NeighborHeaps heaps, ulong seed, CancellationToken ct)
    {
        int n = distances.Count;
        int k = heaps.K;
        var options = new ParallelOptions { CancellationToken = ct };
        Parallel.For(0, n, options, point =>
        {
            // An empty slot (−1) sorts last, so it sits at the root while the heap is not full.
            for (int attempt = 0; heaps.Indices[point * k] < 0 && attempt < 4 * k; attempt++)
            {
                int other = (int)(Hash64.Of(seed, 0xF111UL, (ulong)point, (ulong)attempt) % (ulong)n);
                if (other != point)
                {
                    heaps.TryPush(point, other, distances.Between(point, other));
                }
            }

            for (int other = 0; heaps.Indices[point * k] < 0 && other < n; other++)
            {
                if (other != point)
                {
                    heaps.TryPush(point, other, distances.Between(point, other));
                }
            }
        });
    }
}
