namespace RenderFarm.Layouts.Neighbors;

/// <summary>NN-descent's working graph: one bounded max-heap per point plus a "new" flag per slot.</summary>
internal sealed class NeighborHeaps
{
    public NeighborHeaps(int count, int k)
    {
        Count = count;
        K = k;
        Indices = new int[count * k];
        Distances = new float[count * k];
        Flags = new byte[count * k];
        NeighborHeap.Clear(Indices, Distances);
    }

    public int Count { get; }

    public int K { get; }

    public int[] Indices { get; }

    public float[] Distances { get; }

    public byte[] Flags { get; }

    /// <summary>The worst distance kept for a point: a candidate must beat it to enter.</summary>
    public float Threshold(int point) => Distances[point * K];

    /// <summary>Inserts a neighbour flagged new; false when it is already present or not closer than the worst.</summary>
    public bool TryPush(int point, int neighbor, float distance) =>
        NeighborHeap.TryPushUnique(Indices.AsSpan(point * K, K), Distances.AsSpan(point * K, K), Flags.AsSpan(point * K, K), neighbor, distance);

    /// <summary>
    /// Replaces the search's ranking distances by directly computed ones, sorts every heap ascending and
    /// hands the arrays over as the final graph.
    /// </summary>
    public KnnGraph ToGraph(RowDistances rows)
    {
        Parallel.For(0, Count, point =>
        {
            Span<int> indices = Indices.AsSpan(point * K, K);
            Span<float> distances = Distances.AsSpan(point * K, K);
            for (int j = 0; j < K; j++)
            {
                distances[j] = indices[j] < 0 ? float.PositiveInfinity : rows.Between(point, indices[j]);
            }

            NeighborHeap.SortAscending(indices, distances, Span<byte>.Empty);
        });
        return new KnnGraph(Count, K, Indices, Distances, rows.Metric);
    }
}
