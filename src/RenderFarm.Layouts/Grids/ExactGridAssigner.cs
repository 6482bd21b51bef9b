namespace RenderFarm.Layouts.Grids;

/// <summary>
/// The exact snap: Jonker–Volgenant over all points and cells, warm-started from prices solved on
/// a half-resolution copy of the problem (recursively). Clustered layouts make cold JV slow because
/// every free point must search through its whole crowded cluster for a free cell; prices from the
/// coarse problem already encode how far each region must spread, so most points settle at once.
/// The warm start changes only the speed, never the optimum.
/// </summary>
internal static class ExactGridAssigner
{
    // Below this size a cold solve is already quick and a coarse level would cost more than it saves.
    private const int WarmStartMinimum = 1_024;

    public static int[] Assign(ScaledLayout layout) => Solve(layout).CellOfPoint;

    private static (int[] CellOfPoint, double[] Prices) Solve(ScaledLayout layout)
    {
        var (cellX, cellY) = layout.AllCellCentres();
        var costs = new SquaredDistanceCosts(layout.X, layout.Y, cellX, cellY);
        // The warm start pads the problem square with one dummy row per empty cell, which only pays
        // while empty cells are a minority (as in grids sized to the points).
        var warm = layout.Count >= WarmStartMinimum && layout.Cells <= 2L * layout.Count;
        var prices = warm ? CoarsePrices(layout, (layout.Columns + 1) / 2, (layout.Rows + 1) / 2) : null;
        return LinearAssignment.SolveWithPrices(costs, prices);
    }

    /// <summary>
    /// Solves a coarser <paramref name="columns"/> × <paramref name="rows"/> grid exactly, with the
    /// same share of points (an even subset along a Z-order curve, so the density is kept), and
    /// interpolates its prices bilinearly onto this grid's cells, scaled by the ratio of squared
    /// cell sizes. Null when the coarse grid is too small to interpolate.
    /// </summary>
    public static double[]? CoarsePrices(ScaledLayout layout, int columns, int rows)
    {
        if (columns < 2 || rows < 2 || columns > layout.Columns || rows > layout.Rows)
        {
            return null;
        }

        var (sx, sy) = ((double)columns / layout.Columns, (double)rows / layout.Rows);
        var count = (int)((long)layout.Count * columns * rows / layout.Cells);
        var order = MortonOrder(layout);
        var (x, y) = (new double[count], new double[count]);
        for (var k = 0; k < count; k++)
        {
            var point = order[(int)((long)k * layout.Count / count)];
            (x[k], y[k]) = (layout.X[point] * sx, layout.Y[point] * sy);
        }

        var coarse = Solve(new ScaledLayout(x, y, columns, rows)).Prices;
        var scale = 1 / (sx * sy);
        var prices = new double[layout.Cells];
        for (var cell = 0; cell < prices.Length; cell++)
        {
            var u = (cell % layout.Columns + 0.5) * sx - 0.5;
            var v = (cell / layout.Columns + 0.5) * sy - 0.5;
            prices[cell] = scale * Bilinear(coarse, columns, rows, u, v);
        }

        return prices;
    }

    /// <summary>
    /// Points sorted along a Z-order curve. Taking every k-th point of this order keeps the local
    /// density at every scale; a random subset adds sampling noise that tilts the coarse prices.
    /// </summary>
    private static int[] MortonOrder(ScaledLayout layout)
    {
        var keys = new ulong[layout.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var qx = (uint)Math.Clamp(layout.X[i] / layout.Columns * 65535, 0, 65535);
            var qy = (uint)Math.Clamp(layout.Y[i] / layout.Rows * 65535, 0, 65535);
            keys[i] = Spread(qx) | (Spread(qy) << 1);
        }

        var order = Enumerable.Range(0, layout.Count).ToArray();
        Array.Sort(keys, order);
        return order;
    }

    /// <summary>Moves the 16 low bits of <paramref name="value"/> to the even bit positions.</summary>
    private static ulong Spread(uint value)
    {
        ulong v = value;
        v = (v | (v << 8)) & 0x00FF00FFUL;
        v = (v | (v << 4)) & 0x0F0F0F0FUL;
        v = (v | (v << 2)) & 0x33333333UL;
        v = (v | (v << 1)) & 0x55555555UL;
        return v;
    }

    /// <summary>Samples a row-major field whose samples sit at integer (u, v); extrapolates linearly past the outer samples, where prices are steepest.</summary>
    private static double Bilinear(double[] field, int columns, int rows, double u, double v)
    {
        var (c0, r0) = (Math.Clamp((int)Math.Floor(u), 0, columns - 2), Math.Clamp((int)Math.Floor(v), 0, rows - 2));
        var (tu, tv) = (u - c0, v - r0);
        var top = field[r0 * columns + c0] * (1 - tu) + field[r0 * columns + c0 + 1] * tu;
        var bottom = field[(r0 + 1) * columns + c0] * (1 - tu) + field[(r0 + 1) * columns + c0 + 1] * tu;
        return top * (1 - tv) + bottom * tv;
    }
}
