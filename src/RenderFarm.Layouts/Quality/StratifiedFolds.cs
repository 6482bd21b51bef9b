namespace RenderFarm.Layouts.Quality;

/// <summary>
/// Test-fold assignment of scikit-learn's StratifiedKFold without shuffling (what
/// cross_val_score(cv=5) uses for a classifier): classes numbered by first appearance, the sorted
/// class sequence dealt round-robin to count each fold's share of each class, and each class's
/// members, in order, given to folds 0, 1, … in contiguous runs of those shares.
/// </summary>
internal static class StratifiedFolds
{
    public static int[] Assign(int[] labels, int folds)
    {
        var order = new Dictionary<int, int>();
        int[] encoded = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!order.TryGetValue(labels[i], out int code))
            {
                code = order.Count;
                order[labels[i]] = code;
            }

            encoded[i] = code;
        }

        int classes = order.Count;
        int[] sorted = encoded.Order().ToArray();
        var allocation = new int[folds, classes];
        for (int p = 0; p < sorted.Length; p++)
        {
            allocation[p % folds, sorted[p]]++;
        }

        var next = new int[classes];
        var used = new int[classes];
        var result = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int c = encoded[i];
            while (used[c] >= allocation[next[c], c])
            {
                next[c]++;
                used[c] = 0;
            }

            result[i] = next[c];
            used[c]++;
        }

        return result;
    }
}
