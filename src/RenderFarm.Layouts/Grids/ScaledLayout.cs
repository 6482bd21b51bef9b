namespace RenderFarm.Layouts.Grids;

/// <summary>
/// Points min-max scaled into a grid's extent, in cell units: cell (c, r) has its centre at
/// (c + 0.5, r + 0.5). Cells are square tiles on the poster, so cell units are its physical space
/// and squared distances in them are the displacement a viewer sees.
/// </summary>
internal sealed class ScaledLayout
{
    public ScaledLayout(double[] x, double[] y, int columns, int rows)
    {
        X = x;
        Y = y;
        Columns = columns;
        Rows = rows;
    }

    public double[] X { get; }

    public double[] Y { get; }

    public int Columns { get; }

    public int Rows { get; }

    public int Count => X.Length;

    public int Cells => Columns * Rows;

    /// <summary>Scales interleaved (x, y) pairs; a zero-width extent puts every point mid-grid.</summary>
    public static ScaledLayout FromPairs(float[] xy, int columns, int rows)
    {
        var count = xy.Length / 2;
        var (minX, maxX, minY, maxY) = (double.MaxValue, double.MinValue, double.MaxValue, double.MinValue);
        for (var i = 0; i < count; i++)
        {
            (minX, maxX) = (Math.Min(minX, xy[2 * i]), Math.Max(maxX, xy[2 * i]));
            (minY, maxY) = (Math.Min(minY, xy[2 * i + 1]), Math.Max(maxY, xy[2 * i + 1]));
        }

        var x = new double[count];
        var y = new double[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = Scale(xy[2 * i], minX, maxX, columns);
            y[i] = Scale(xy[2 * i + 1], minY, maxY, rows);
        }

        return new ScaledLayout(x, y, columns, rows);
    }

    /// <summary>The centres of the given cells (row-major indices), as coordinate arrays.</summary>
    public (double[] X, double[] Y) CellCentres(ReadOnlySpan<int> cells)
    {
        var x = new double[cells.Length];
        var y = new double[cells.Length];
        for (var k = 0; k < cells.Length; k++)
        {
            x[k] = cells[k] % Columns + 0.5;
            y[k] = cells[k] / Columns + 0.5;
        }

        return (x, y);
    }

    /// <summary>The centres of every cell, in row-major order.</summary>
    public (double[] X, double[] Y) AllCellCentres()
    {
        var cells = new int[Cells];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = c;
        }

        return CellCentres(cells);
    }

    private static double Scale(double value, double min, double max, int extent) =>
        max > min ? (value - min) / (max - min) * extent : extent / 2.0;
}
