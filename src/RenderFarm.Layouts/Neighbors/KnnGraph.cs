namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// The k nearest neighbours of every point, self excluded: row i holds <see cref="K"/> neighbour
/// indices in ascending distance order (<see cref="Indices"/>) and their distances
/// (<see cref="Distances"/>), both row-major N × K. Where fewer than K other points exist or were
/// found, the row is padded with index −1 and distance +∞.
/// </summary>
public sealed class KnnGraph
{
    public KnnGraph(int count, int k, int[] indices, float[] distances, DistanceMetric metric)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (indices.Length != (long)count * k || distances.Length != indices.Length)
        {
            throw new ArgumentException($"A {count} × {k} graph needs {(long)count * k} indices and distances.");
        }

        Count = count;
        K = k;
        Indices = indices;
        Distances = distances;
        Metric = metric;
    }

    public int Count { get; }

    public int K { get; }

    public int[] Indices { get; }

    public float[] Distances { get; }

    public DistanceMetric Metric { get; }

    public ReadOnlySpan<int> NeighborsOf(int point) => Indices.AsSpan(point * K, K);

    public ReadOnlySpan<float> DistancesOf(int point) => Distances.AsSpan(point * K, K);
}
