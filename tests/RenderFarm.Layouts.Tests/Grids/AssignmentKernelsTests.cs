using RenderFarm.Layouts.Grids;

namespace RenderFarm.Layouts.Tests.Grids;

public sealed class AssignmentKernelsTests
{
    [Fact]
    public void TwoSmallestDifferences_AnyLengthWithTies_MatchesSortedOrder()
    {
        var random = new Random(31);
        for (var length = 2; length < 40; length++)
        {
            var a = Enumerable.Range(0, length).Select(_ => (double)random.Next(0, 5)).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (double)random.Next(0, 3)).ToArray();

            var (best, bestIndex, second, secondIndex) = AssignmentKernels.TwoSmallestDifferences(a, b);

            var sorted = Enumerable.Range(0, length).OrderBy(j => a[j] - b[j]).ThenBy(j => j).ToArray();
            Assert.Equal((a[sorted[0]] - b[sorted[0]], sorted[0]), (best, bestIndex));
            Assert.Equal((a[sorted[1]] - b[sorted[1]], sorted[1]), (second, secondIndex));
        }
    }

    [Fact]
    public void IndexOfEqual_StartInsideABlock_SkipsEarlierMatches()
    {
        var values = new double[16];
        values[2] = values[5] = values[13] = 7;

        Assert.Equal(2, AssignmentKernels.IndexOfEqual(values, 7, 0));
        Assert.Equal(5, AssignmentKernels.IndexOfEqual(values, 7, 3));
        Assert.Equal(13, AssignmentKernels.IndexOfEqual(values, 7, 6));
        Assert.Equal(-1, AssignmentKernels.IndexOfEqual(values, 7, 14));
    }
}
