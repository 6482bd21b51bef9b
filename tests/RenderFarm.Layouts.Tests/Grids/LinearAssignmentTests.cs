using RenderFarm.Layouts.Grids;

namespace RenderFarm.Layouts.Tests.Grids;

public sealed class LinearAssignmentTests
{
    [Fact]
    public void SolveDense_SmallInstances_MatchBruteForce()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 60; trial++)
        {
            var rows = random.Next(1, 7);
            var columns = random.Next(rows, 9);
            var costs = RandomCosts(random, rows, columns, integer: trial % 2 == 0);

            var solution = LinearAssignment.SolveDense(costs, rows, columns);

            AssertInjection(solution.ColumnOfRow, columns);
            Assert.Equal(HungarianReference.BruteForce(costs, rows, columns), solution.TotalCost, 9);
        }
    }

    [Fact]
    public void SolveDense_LargestBruteForceSizes_MatchBruteForce()
    {
        var random = new Random(12);
        foreach (var (rows, columns) in new[] { (8, 8), (8, 9), (7, 9) })
        {
            var costs = RandomCosts(random, rows, columns, integer: true);

            var solution = LinearAssignment.SolveDense(costs, rows, columns);

            AssertInjection(solution.ColumnOfRow, columns);
            Assert.Equal(HungarianReference.BruteForce(costs, rows, columns), solution.TotalCost, 9);
        }
    }

    [Fact]
    public void SolveDense_RandomRectangular_MatchesHungarian()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 40; trial++)
        {
            var rows = random.Next(1, 60);
            var columns = rows + random.Next(0, 30);
            var costs = RandomCosts(random, rows, columns, integer: trial % 3 == 0);

            var solution = LinearAssignment.SolveDense(costs, rows, columns);

            AssertInjection(solution.ColumnOfRow, columns);
            var expected = HungarianReference.MinimumCost(costs, rows, columns);
            Assert.Equal(expected, solution.TotalCost, 6);
        }
    }

    [Fact]
    public void SolveDense_GeometricCosts_MatchHungarian()
    {
        var random = new Random(14);
        const int Points = 150;
        const int Side = 13;
        var (px, py) = (new double[Points], new double[Points]);
        for (var i = 0; i < Points; i++)
        {
            // Two tight clumps: long augmenting paths, as in grid snapping of clustered layouts.
            var centre = i % 2 == 0 ? 3.0 : 9.0;
            (px[i], py[i]) = (centre + random.NextDouble(), centre + random.NextDouble());
        }

        var (cx, cy) = (new double[Side * Side], new double[Side * Side]);
        for (var c = 0; c < Side * Side; c++)
        {
            (cx[c], cy[c]) = (c % Side + 0.5, c / Side + 0.5);
        }

        var costs = new SquaredDistanceCosts(px, py, cx, cy);
        var dense = new double[Points * Side * Side];
        for (var i = 0; i < Points; i++)
        {
            costs.FillRow(i, dense.AsSpan(i * Side * Side, Side * Side));
        }

        var solution = LinearAssignment.SolveDense(costs);

        AssertInjection(solution.ColumnOfRow, Side * Side);
        Assert.Equal(HungarianReference.MinimumCost(dense, Points, Side * Side), solution.TotalCost, 6);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(40, 40)]
    [InlineData(30, 45)]
    public void SolveDense_AllCostsEqual_ReturnsAnInjection(int rows, int columns)
    {
        var costs = Enumerable.Repeat(2.5, rows * columns).ToArray();

        var solution = LinearAssignment.SolveDense(costs, rows, columns);

        AssertInjection(solution.ColumnOfRow, columns);
        Assert.Equal(2.5 * rows, solution.TotalCost, 9);
    }

    [Fact]
    public void SolveDense_ZeroRows_ReturnsEmpty()
    {
        var solution = LinearAssignment.SolveDense([], 0, 3);

        Assert.Empty(solution.ColumnOfRow);
        Assert.Equal(0, solution.TotalCost);
    }

    [Fact]
    public void SolveDense_MoreRowsThanColumns_Throws()
    {
        Assert.Throws<ArgumentException>(() => LinearAssignment.SolveDense(new double[6], 3, 2));
    }

    [Fact]
    public void SolveDense_NaNCost_Throws()
    {
        Assert.Throws<ArgumentException>(() => LinearAssignment.SolveDense([1, double.NaN, 2, 3], 2, 2));
    }

    internal static void AssertInjection(int[] columnOfRow, int columns)
    {
        Assert.All(columnOfRow, column => Assert.InRange(column, 0, columns - 1));
        Assert.Equal(columnOfRow.Length, columnOfRow.Distinct().Count());
    }

    private static double[] RandomCosts(Random random, int rows, int columns, bool integer)
    {
        var costs = new double[rows * columns];
        for (var k = 0; k < costs.Length; k++)
        {
            // Small integers force many ties; reals exercise the general case.
            costs[k] = integer ? random.Next(0, 6) : random.NextDouble() * 100;
        }

        return costs;
    }
}
