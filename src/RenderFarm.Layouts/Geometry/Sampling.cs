namespace RenderFarm.Layouts.Geometry;

/// <summary>Seeded index samples, so sampled metrics repeat exactly for a seed.</summary>
internal static class Sampling
{
    /// <summary><paramref name="count"/> distinct indices of 0..n−1 (partial Fisher–Yates), in ascending order.</summary>
    public static int[] WithoutReplacement(int n, int count, int seed)
    {
        if (count >= n)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var random = new Random(seed);
        int[] pool = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + random.Next(n - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        int[] sample = pool[..count];
        Array.Sort(sample);
        return sample;
    }
}
