using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Quality;

/// <summary>
/// Cross-validated accuracy of a k-nearest-neighbour majority vote on layout coordinates, as
/// scikit-learn's cross_val_score(KNeighborsClassifier(k), X, y, cv=folds) computes it: stratified
/// folds, uniform votes, a tied vote going to the smallest label, the mean of the fold accuracies.
/// </summary>
internal static class KnnClassifier
{
    public static double CrossValidatedAccuracy(Matrix points, int[] labels, int k, int folds)
    {
        int[] fold = StratifiedFolds.Assign(labels, folds);
        var accuracies = new double[folds];
        Parallel.For(0, folds, f =>
        {
            int[] train = Enumerable.Range(0, points.Rows).Where(i => fold[i] != f).ToArray();
            int[] test = Enumerable.Range(0, points.Rows).Where(i => fold[i] == f).ToArray();
            var nearest = new Nearest(k);
            int correct = 0;
            foreach (int t in test)
            {
                nearest.Clear();
                ReadOnlySpan<float> row = points.Row(t);
                foreach (int j in train)
                {
                    nearest.Offer(PointDistance.Squared(row, points.Row(j)), j);
                }

                correct += Vote(nearest.Indices, labels) == labels[t] ? 1 : 0;
            }

            accuracies[f] = test.Length == 0 ? 0 : (double)correct / test.Length;
        });
        return accuracies.Average();
    }

    private static int Vote(ReadOnlySpan<int> neighbours, int[] labels)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (int j in neighbours)
        {
            counts[labels[j]] = counts.GetValueOrDefault(labels[j]) + 1;
        }

        int best = int.MinValue;
        int bestCount = 0;
        foreach ((int label, int count) in counts)
        {
            if (count > bestCount)
            {
                best = label;
                bestCount = count;
            }
        }

        return best;
    }
}
