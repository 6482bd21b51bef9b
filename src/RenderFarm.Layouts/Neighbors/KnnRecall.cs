namespace RenderFarm.Layouts.Neighbors;

/// <summary>How much of the true neighbourhood an approximate graph found.</summary>
public static class KnnRecall
{
    /// <summary>
    /// The fraction of the exact graph's neighbours (padding ignored) that appear anywhere in the same
    /// point's approximate row. Matching is by index, so among exactly tied distances a different but
    /// equally near choice counts as a miss; that is rare outside duplicated data.
    /// </summary>
    public static double Of(KnnGraph approximate, KnnGraph exact)
    {
        ArgumentNullException.ThrowIfNull(approximate);
        ArgumentNullException.ThrowIfNull(exact);
        if (approximate.Count != exact.Count)
        {
            throw new ArgumentException($"The graphs cover different points ({approximate.Count} and {exact.Count}).", nameof(approximate));
        }

        long wanted = 0;
        long found = 0;
        for (int point = 0; point < exact.Count; point++)
        {
            ReadOnlySpan<int> guesses = approximate.NeighborsOf(point);
            foreach (int neighbor in exact.NeighborsOf(point))
            {
                if (neighbor < 0)
                {
                    continue;
                }

                wanted++;
                found += guesses.Contains(neighbor) ? 1 : 0;
            }
        }

        return wanted == 0 ? 1.0 : (double)found / wanted;
    }
}
