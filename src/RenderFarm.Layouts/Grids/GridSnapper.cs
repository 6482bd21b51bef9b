namespace RenderFarm.Layouts.Grids;

/// <summary>
/// Snaps a 2-D layout to a grid of cells, one point per cell, minimising the total squared
/// displacement (exactly up to <see cref="GridSnapOptions.ExactLimit"/> points, approximately above).
/// </summary>
public static class GridSnapper
{
    /// <param name="xy">Interleaved coordinates: x0, y0, x1, y1, … (N × 2, row-major).</param>
    /// <param name="options">Grid size and method; defaults when null.</param>
    public static GridAssignment Snap(float[] xy, GridSnapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xy);
        options ??= new GridSnapOptions();
        var count = Validate(xy, options);
        var (columns, rows) = GridShape.Choose(count, Aspect(xy), options.Columns, options.Rows);
        var layout = ScaledLayout.FromPairs(xy, columns, rows);
        var method = options.Method == GridSnapMethod.Auto
            ? (count <= options.ExactLimit ? GridSnapMethod.Exact : GridSnapMethod.Scalable)
            : options.Method;
        var cellOfPoint = method == GridSnapMethod.Exact
            ? ExactGridAssigner.Assign(layout)
            : TileGridAssigner.Assign(layout, options.TileCells, options.RefinementPasses);
        return Measure(layout, cellOfPoint);
    }

    private static int Validate(float[] xy, GridSnapOptions options)
    {
        if (xy.Length % 2 != 0)
        {
            throw new LayoutException($"grid snapping needs (x, y) pairs, got {xy.Length} coordinates");
        }

        if (xy.Length == 0)
        {
            throw new LayoutException("grid snapping needs at least one point, got 0");
        }

        for (var i = 0; i < xy.Length; i++)
        {
            if (!float.IsFinite(xy[i]))
            {
                throw new LayoutException($"point {i / 2} has a non-finite coordinate ({xy[i / 2 * 2]}, {xy[i / 2 * 2 + 1]})");
            }
        }

        if (options.ExactLimit < 0 || options.TileCells <= 0 || options.RefinementPasses < 0)
        {
            throw new LayoutException($"grid snap options need exact limit ≥ 0, tile cells > 0 and refinement passes ≥ 0, got {options.ExactLimit}, {options.TileCells}, {options.RefinementPasses}");
        }

        return xy.Length / 2;
    }

    /// <summary>Width over height of the layout's bounding box (NaN or ∞ when degenerate; the shape clamps it).</summary>
    private static double Aspect(float[] xy)
    {
        var (minX, maxX, minY, maxY) = (float.MaxValue, float.MinValue, float.MaxValue, float.MinValue);
        for (var i = 0; i < xy.Length; i += 2)
        {
            (minX, maxX) = (Math.Min(minX, xy[i]), Math.Max(maxX, xy[i]));
            (minY, maxY) = (Math.Min(minY, xy[i + 1]), Math.Max(maxY, xy[i + 1]));
        }

        return ((double)maxX - minX) / ((double)maxY - minY);
    }

    private static GridAssignment Measure(ScaledLayout layout, int[] cellOfPoint)
    {
        var (sum, max, squared) = (0.0, 0.0, 0.0);
        for (var i = 0; i < cellOfPoint.Length; i++)
        {
            var dx = layout.X[i] - (cellOfPoint[i] % layout.Columns + 0.5);
            var dy = layout.Y[i] - (cellOfPoint[i] / layout.Columns + 0.5);
            var d2 = dx * dx + dy * dy;
            squared += d2;
            sum += Math.Sqrt(d2);
            max = Math.Max(max, Math.Sqrt(d2));
        }

        return new GridAssignment(layout.Columns, layout.Rows, cellOfPoint, sum / cellOfPoint.Length, max, squared);
    }
}
