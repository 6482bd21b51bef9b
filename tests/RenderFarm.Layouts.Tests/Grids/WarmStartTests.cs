using RenderFarm.Layouts.Grids;

namespace RenderFarm.Layouts.Tests.Grids;

public sealed class WarmStartTests
{
    [Fact]
    public void SolveWithPrices_ArbitraryStartingPrices_MatchesHungarian()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 30; trial++)
        {
            var rows = random.Next(1, 40);
            var columns = rows + random.Next(0, 10);
            var costs = Enumerable.Range(0, rows * columns).Select(_ => (double)random.Next(0, 20)).ToArray();
            var prices = Enumerable.Range(0, columns).Select(_ => random.NextDouble() * 40 - 20).ToArray();

            var (columnOfRow, _) = LinearAssignment.SolveWithPrices(new DenseCostMatrix(rows, columns, costs), prices);

            LinearAssignmentTests.AssertInjection(columnOfRow, columns);
            var total = columnOfRow.Select((column, row) => costs[row * columns + column]).Sum();
            Assert.Equal(HungarianReference.MinimumCost(costs, rows, columns), total, 6);
        }
    }

    [Theory]
    [InlineData(1_225)]
    [InlineData(1_100)]
    public void Assign_WarmStartedGrid_MatchesColdSolve(int count)
    {
        // 1,225 cells: large enough for the coarse-level warm start; 1,100 points leave cells empty.
        var xy = ClumpyLayouts.Blobs(count, 6, 22);
        var layout = ScaledLayout.FromPairs(xy, 35, 35);
        var (cellX, cellY) = layout.AllCellCentres();
        var costs = new SquaredDistanceCosts(layout.X, layout.Y, cellX, cellY);

        var warm = ExactGridAssigner.Assign(layout);
        var cold = LinearAssignment.SolveDense(costs);

        LinearAssignmentTests.AssertInjection(warm, 35 * 35);
        Assert.Equal(cold.TotalCost, LinearAssignment.TotalCost(costs, warm), 6);
    }
}
