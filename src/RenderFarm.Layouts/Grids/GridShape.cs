namespace RenderFarm.Layouts.Grids;

/// <summary>Chooses or checks the grid size for a point count.</summary>
internal static class GridShape
{
    /// <summary>
    /// The forced size when both are given; otherwise the smallest grid with at least
    /// <paramref name="count"/> cells whose shape follows the layout's aspect ratio, so that cells
    /// stay square and the layout is not stretched.
    /// </summary>
    public static (int Columns, int Rows) Choose(int count, double aspect, int? columns, int? rows)
    {
        if (columns is <= 0 || rows is <= 0)
        {
            throw new LayoutException($"grid columns and rows must be positive, got {columns?.ToString() ?? "auto"}x{rows?.ToString() ?? "auto"}");
        }

        int width;
        int height;
        if (columns is int c && rows is int r)
        {
            (width, height) = (c, r);
        }
        else if (columns is int fixedColumns)
        {
            (width, height) = (fixedColumns, CeilDiv(count, fixedColumns));
        }
        else if (rows is int fixedRows)
        {
            (width, height) = (CeilDiv(count, fixedRows), fixedRows);
        }
        else
        {
            // A zero-height extent (a horizontal line) gives +∞ and becomes a single row, a zero-width
            // one gives 0 and a single column; a single repeated point gives NaN and a square.
            var clamped = Math.Clamp(double.IsNaN(aspect) ? 1 : aspect, 1.0 / count, count);
            width = Math.Clamp((int)Math.Ceiling(Math.Sqrt(count * clamped)), 1, count);
            height = CeilDiv(count, width);
        }

        if ((long)width * height < count)
        {
            throw new LayoutException($"grid {width}x{height} has {(long)width * height} cells for {count} points");
        }

        if ((long)width * height > int.MaxValue)
        {
            throw new LayoutException($"grid {width}x{height} is too large");
        }

        return (width, height);
    }

    private static int CeilDiv(int count, int by) => (int)(((long)count + by - 1) / by);
}
