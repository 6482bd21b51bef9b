namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// The k smallest (distance, index) pairs seen so far, ascending, ties broken by the smaller index
/// so results do not depend on scan order. Insertion into a sorted array: k is small (10–15) and
/// most candidates are rejected by one comparison with the current worst.
/// </summary>
internal sealed class NearestList
{
    private readonly float[] distances;
    private readonly int[] indices;

    public NearestList(int k)
    {
        distances = new float[k];
        indices = new int[k];
        Clear();
    }

    public int Count { get; private set; }

    /// <summary>The distance a candidate must not exceed to have a chance of entering (+∞ until full).</summary>
    public float Worst => distances[^1];

    public ReadOnlySpan<int> Indices => indices.AsSpan(0, Count);

    public ReadOnlySpan<float> Distances => distances.AsSpan(0, Count);

    public void Clear()
    {
        Count = 0;
        Array.Fill(distances, float.PositiveInfinity);
        Array.Fill(indices, int.MaxValue);
    }

    public void Offer(float distance, int index)
    {
        int k = distances.Length;
        if (Count == k && !Before(distance, index, distances[k - 1], indices[k - 1]))
        {
            return;
        }

        int position = Math.Min(Count, k - 1);
        while (position > 0 && Before(distance, index, distances[position - 1], indices[position - 1]))
        {
            distances[position] = distances[position - 1];
            indices[position] = indices[position - 1];
            position--;
        }

        distances[position] = distance;
        indices[position] = index;
        Count = Math.Min(Count + 1, k);
    }

    private static bool Before(float distance, int index, float otherDistance, int otherIndex) =>
        distance < otherDistance || (distance == otherDistance && index < otherIndex);
}
