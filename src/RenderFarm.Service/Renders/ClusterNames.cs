using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Renders;

/// <summary>
/// What the legend and the cluster labels call each k-means cluster of a layout: its most common
/// class when the data has labels ("Trouser"), else "cluster 3". k-means often splits one class in
/// two (Fashion-MNIST's bags fall into a handle cluster and a plain one), and two labels reading
/// "Bag" would look like a mistake on a poster, so a class that names several clusters numbers
/// them, largest first: "Bag 1", "Bag 2".
/// </summary>
internal static class ClusterNames
{
    public static string[] For(LayoutSet layouts, LayoutResult layout)
    {
        int k = layout.Clusters.Length == 0 ? 0 : layout.Clusters.Max() + 1;
        if (layouts.Labels is not { } labels || layouts.Input.ClassNames.Count == 0)
        {
            return Enumerable.Range(0, k).Select(c => $"cluster {c}").ToArray();
        }

        int classes = layouts.Input.ClassNames.Count;
        var counts = new int[k * classes];
        var sizes = new int[k];
        for (int i = 0; i < labels.Length; i++)
        {
            int c = layout.Clusters[i];
            if (c < 0) continue;
            sizes[c]++;
            if (labels[i] >= 0) counts[(c * classes) + labels[i]]++;
        }

        var majority = new int[k];
        for (int c = 0; c < k; c++)
        {
            var row = counts.AsSpan(c * classes, classes);
            int best = 0;
            for (int j = 1; j < classes; j++)
            {
                if (row[j] > row[best]) best = j;
            }

            majority[c] = row[best] > 0 ? best : -1;
        }

        var names = new string[k];
        foreach (var group in Enumerable.Range(0, k).GroupBy(c => majority[c]))
        {
            if (group.Key < 0)
            {
                foreach (int c in group) names[c] = $"cluster {c}";
                continue;
            }

            string name = layouts.Input.ClassNames[group.Key];
            int[] members = group.OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
            for (int n = 0; n < members.Length; n++)
            {
                names[members[n]] = members.Length == 1 ? name : $"{name} {n + 1}";
            }
        }

        return names;
    }
}
