namespace RenderFarm.Layouts.Tests.Clustering;

/// <summary>The adjusted Rand index (Hubert &amp; Arabie 1985): 1 for identical partitions up to renaming, about 0 for chance.</summary>
internal static class Agreement
{
    public static double AdjustedRand(int[] a, int[] b)
    {
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (int i = 0; i < a.Length; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            columns[b[i]] = columns.GetValueOrDefault(b[i]) + 1;
        }

        static double Pairs(long n) => n * (n - 1) / 2.0;
        double index = table.Values.Sum(Pairs);
        double rowPairs = rows.Values.Sum(Pairs);
        double columnPairs = columns.Values.Sum(Pairs);
        double expected = rowPairs * columnPairs / Pairs(a.Length);
        double maximum = (rowPairs + columnPairs) / 2;
        return (index - expected) / (maximum - expected);
    }
}
