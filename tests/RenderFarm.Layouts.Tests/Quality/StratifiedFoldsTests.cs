using RenderFarm.Layouts.Quality;

namespace RenderFarm.Layouts.Tests.Quality;

public sealed class StratifiedFoldsTests
{
    [Fact]
    public void Assign_TwoClassesTwoFolds_MatchesSklearnStratifiedKFold()
    {
        // StratifiedKFold(2).split on y = [0,0,0,0,1,1,1,1,1,1] puts indices 0,1,4,5,6 in fold 0.
        int[] folds = StratifiedFolds.Assign([0, 0, 0, 0, 1, 1, 1, 1, 1, 1], 2);

        Assert.Equal([0, 0, 1, 1, 0, 0, 0, 1, 1, 1], folds);
    }

    [Fact]
    public void Assign_UnevenClasses_EveryFoldGetsItsShareOfEachClass()
    {
        int[] labels = Enumerable.Range(0, 103).Select(i => i % 7 == 0 ? 2 : i % 3).ToArray();

        int[] folds = StratifiedFolds.Assign(labels, 5);

        foreach (int label in labels.Distinct())
        {
            int[] sizes = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, 103).Count(i => labels[i] == label && folds[i] == f)).ToArray();
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"label {label}: {string.Join(",", sizes)}");
        }
    }
}
