namespace RenderFarm.Core.Datasets;

/// <summary>
/// Draws a seeded sample of at most <c>limit</c> items. Stratified: each label keeps its share
/// (largest remainders decide the rounding), so a 5,000-item sample of Fashion-MNIST has 500 of
/// each class. Selected items keep the dataset's order.
/// </summary>
public static class StratifiedSampler
{
    public static IReadOnlyList<DatasetItem> Sample(IReadOnlyList<DatasetItem> items, int limit, int seed, bool stratify)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (items.Count <= limit)
        {
            return items;
        }

        var random = new Random(seed);
        var chosen = new bool[items.Count];
        if (!stratify)
        {
            foreach (int index in Shuffled(Enumerable.Range(0, items.Count).ToArray(), random).Take(limit))
            {
                chosen[index] = true;
            }
        }
        else
        {
            var groups = Enumerable.Range(0, items.Count)
                .GroupBy(i => items[i].Label ?? "")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.ToArray())
                .ToArray();
            int[] quotas = Quotas(groups.Select(g => g.Length).ToArray(), limit);
            for (int g = 0; g < groups.Length; g++)
            {
                foreach (int index in Shuffled(groups[g], random).Take(quotas[g]))
                {
                    chosen[index] = true;
                }
            }
        }

        return Enumerable.Range(0, items.Count).Where(i => chosen[i]).Select(i => items[i]).ToArray();
    }

    /// <summary>Hamilton's method: floor of each share, then one more to the largest remainders.</summary>
    private static int[] Quotas(int[] sizes, int limit)
    {
        long total = sizes.Sum(s => (long)s);
        var quotas = new int[sizes.Length];
        var remainders = new (double Remainder, int Group)[sizes.Length];
        for (int g = 0; g < sizes.Length; g++)
        {
            double exact = (double)sizes[g] * limit / total;
            quotas[g] = (int)Math.Floor(exact);
            remainders[g] = (exact - quotas[g], g);
        }

        int left = limit - quotas.Sum();
        foreach ((_, int group) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Group).Take(left))
        {
            quotas[group]++;
        }

        return quotas;
    }

    private static int[] Shuffled(int[] indices, Random random)
    {
        var copy = (int[])indices.Clone();
        random.Shuffle(copy);
        return copy;
    }
}
