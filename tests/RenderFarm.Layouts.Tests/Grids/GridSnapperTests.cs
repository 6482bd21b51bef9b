using RenderFarm.Layouts.Grids;

namespace RenderFarm.Layouts.Tests.Grids;

public sealed class GridSnapperTests
{
    [Fact]
    public void Snap_GridSmallerThanPoints_ThrowsNamingGridAndCount()
    {
        var xy = ClumpyLayouts.Uniform(150, 1);

        var error = Assert.Throws<LayoutException>(() => GridSnapper.Snap(xy, new GridSnapOptions { Columns = 10, Rows = 10 }));

        Assert.Contains("grid 10x10 has 100 cells for 150 points", error.Message);
    }

    [Fact]
    public void Snap_NoPoints_Throws()
    {
        Assert.Throws<LayoutException>(() => GridSnapper.Snap([]));
    }

    [Fact]
    public void Snap_NaNCoordinate_ThrowsNamingPoint()
    {
        var error = Assert.Throws<LayoutException>(() => GridSnapper.Snap([0, 0, 1, float.NaN, 2, 2]));

        Assert.Contains("point 1", error.Message);
    }

    [Fact]
    public void Snap_OddCoordinateCount_Throws()
    {
        Assert.Throws<LayoutException>(() => GridSnapper.Snap([0, 0, 1]));
    }

    [Fact]
    public void Snap_ZeroColumns_Throws()
    {
        Assert.Throws<LayoutException>(() => GridSnapper.Snap([0, 0, 1, 1], new GridSnapOptions { Columns = 0 }));
    }

    [Fact]
    public void Snap_WideLayout_GridFollowsAspect()
    {
        var xy = ClumpyLayouts.Uniform(200, 2);
        for (var i = 0; i < xy.Length; i += 2)
        {
            xy[i] *= 2;
        }

        var grid = GridSnapper.Snap(xy);

        Assert.InRange((double)grid.Columns / grid.Rows, 1.6, 2.5);
        Assert.True(grid.Columns * grid.Rows >= 200);
        LinearAssignmentTests.AssertInjection(grid.CellOfPoint, grid.Columns * grid.Rows);
    }

    [Fact]
    public void Snap_ForcedColumns_RowsCoverThePoints()
    {
        var grid = GridSnapper.Snap(ClumpyLayouts.Uniform(50, 3), new GridSnapOptions { Columns = 4 });

        Assert.Equal((4, 13), (grid.Columns, grid.Rows));
        LinearAssignmentTests.AssertInjection(grid.CellOfPoint, 52);
    }

    [Fact]
    public void Snap_SevenPointsOnThreeByThree_MatchesBruteForce()
    {
        var xy = ClumpyLayouts.Blobs(7, 2, 4);

        var grid = GridSnapper.Snap(xy, new GridSnapOptions { Columns = 3, Rows = 3 });

        var costs = CellCosts(xy, 3, 3);
        Assert.Equal(HungarianReference.BruteForce(costs, 7, 9), grid.TotalSquaredDisplacement, 9);
        LinearAssignmentTests.AssertInjection(grid.CellOfPoint, 9);
    }

    [Fact]
    public void Snap_ClumpyExact_MatchesHungarian()
    {
        var xy = ClumpyLayouts.Blobs(110, 3, 5);

        var grid = GridSnapper.Snap(xy, new GridSnapOptions { Method = GridSnapMethod.Exact });

        var cells = grid.Columns * grid.Rows;
        Assert.Equal(HungarianReference.MinimumCost(CellCosts(xy, grid.Columns, grid.Rows), 110, cells), grid.TotalSquaredDisplacement, 6);
    }

    [Theory]
    [InlineData(GridSnapMethod.Exact)]
    [InlineData(GridSnapMethod.Scalable)]
    public void Snap_AllPointsEqual_ReturnsDistinctCells(GridSnapMethod method)
    {
        var xy = Enumerable.Repeat(3f, 2 * 300).ToArray();

        var grid = GridSnapper.Snap(xy, new GridSnapOptions { Method = method, TileCells = 64 });

        LinearAssignmentTests.AssertInjection(grid.CellOfPoint, grid.Columns * grid.Rows);
    }

    [Theory]
    [InlineData(GridSnapMethod.Exact)]
    [InlineData(GridSnapMethod.Scalable)]
    public void Snap_CollinearPoints_ReturnsDistinctCells(GridSnapMethod method)
    {
        // Points on a diagonal, many repeated: a degenerate extent in neither axis, but many ties.
        var xy = Enumerable.Range(0, 400).SelectMany(i => new[] { (float)(i % 37), (float)(i % 37) }).ToArray();

        var grid = GridSnapper.Snap(xy, new GridSnapOptions { Method = method, TileCells = 64 });

        LinearAssignmentTests.AssertInjection(grid.CellOfPoint, grid.Columns * grid.Rows);
    }

    [Fact]
    public void Snap_HorizontalLine_UsesAOneRowGrid()
    {
        var xy = Enumerable.Range(0, 30).SelectMany(i => new[] { (float)i, 5f }).ToArray();

        var grid = GridSnapper.Snap(xy);

        Assert.Equal((30, 1), (grid.Columns, grid.Rows));
        Assert.Equal(Enumerable.Range(0, 30), grid.CellOfPoint);
    }

    [Fact]
    public void Snap_ScalableOnFourThousandClumpyPoints_WithinTenPercentOfExact()
    {
        var xy = ClumpyLayouts.Blobs(64 * 64, 10, 6);
        var options = new GridSnapOptions { Columns = 64, Rows = 64, TileCells = 400 };

        var exact = GridSnapper.Snap(xy, options with { Method = GridSnapMethod.Exact });
        var scalable = GridSnapper.Snap(xy, options with { Method = GridSnapMethod.Scalable });

        LinearAssignmentTests.AssertInjection(scalable.CellOfPoint, 64 * 64);
        Assert.InRange(scalable.MeanDisplacementRatioTo(exact), 0.0, 1.1);
        Assert.True(scalable.TotalSquaredDisplacement >= exact.TotalSquaredDisplacement - 1e-6 * exact.TotalSquaredDisplacement);
    }

    [Fact]
    public void Snap_AutoBelowExactLimit_MatchesExact()
    {
        var xy = ClumpyLayouts.Blobs(500, 4, 7);

        var auto = GridSnapper.Snap(xy);
        var exact = GridSnapper.Snap(xy, new GridSnapOptions { Method = GridSnapMethod.Exact });

        Assert.Equal(exact.TotalSquaredDisplacement, auto.TotalSquaredDisplacement, 9);
    }

    [Fact]
    public void Snap_AutoAboveExactLimit_ReturnsValidNearExactAssignment()
    {
        var xy = ClumpyLayouts.Blobs(900, 4, 8);

        var scalable = GridSnapper.Snap(xy, new GridSnapOptions { ExactLimit = 100, TileCells = 100 });
        var exact = GridSnapper.Snap(xy, new GridSnapOptions { Method = GridSnapMethod.Exact });

        LinearAssignmentTests.AssertInjection(scalable.CellOfPoint, scalable.Columns * scalable.Rows);
        Assert.InRange(scalable.MeanDisplacementRatioTo(exact), 0.0, 1.1);
    }

    /// <summary>Squared distances in cell units, scaled as the snapper documents, for the reference solvers.</summary>
    private static double[] CellCosts(float[] xy, int columns, int rows)
    {
        var count = xy.Length / 2;
        var xs = Enumerable.Range(0, count).Select(i => (double)xy[2 * i]).ToArray();
        var ys = Enumerable.Range(0, count).Select(i => (double)xy[2 * i + 1]).ToArray();
        var costs = new double[count * columns * rows];
        for (var i = 0; i < count; i++)
        {
            var x = (xs[i] - xs.Min()) / (xs.Max() - xs.Min()) * columns;
            var y = (ys[i] - ys.Min()) / (ys.Max() - ys.Min()) * rows;
            for (var cell = 0; cell < columns * rows; cell++)
            {
                var (dx, dy) = (x - (cell % columns + 0.5), y - (cell / columns + 0.5));
                costs[i * columns * rows + cell] = dx * dx + dy * dy;
            }
        }

        return costs;
    }
}
