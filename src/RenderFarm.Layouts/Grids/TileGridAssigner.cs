namespace RenderFarm.Layouts.Grids;

/// <summary>
/// The scalable snap. An O(N log N) deal gives every point a cell: strips of rows take points in
/// y order, and within a strip, columns take them in x order (a sorted, Knothe-style map), where
/// the order is that of the points' estimated destinations under exact prices from a coarse grid
/// (<see cref="TransportEstimate"/>), so the deal starts with the optimum's global shape. Then
/// passes over square tiles, each tiling shifted by half a tile from the last, re-solve exactly
/// the points currently in each tile against that tile's cells. Every re-solve is exact on its
/// subset, so the total cost never rises and the assignment stays one-to-one throughout. Tiles are
/// square because exact solves on long thin regions degrade to slow one-dimensional chains.
/// </summary>
internal static class TileGridAssigner
{
    // A pass that gains less than this share of the total cost ends the refinement.
    private const double MinimumGain = 1e-3;

    public static int[] Assign(ScaledLayout layout, int tileCells, int refinementPasses)
    {
        var pointOfCell = new int[layout.Cells];
        var cellOfPoint = new int[layout.Count];
        var side = Math.Max(2, (int)Math.Round(Math.Sqrt(tileCells)));
        var (keyX, keyY) = DealKeys(layout, tileCells);
        Deal(layout, keyX, keyY, side, cellOfPoint, pointOfCell);
        var cost = TotalCost(layout, cellOfPoint);
        for (var pass = 0; pass < refinementPasses; pass++)
        {
            // Offsets cycle through (½, ½), (0, ½), (½, 0), (0, 0) tiles, so tile borders move
            // between passes and no two neighbouring cells stay in different tiles for long.
            var offsetX = pass % 4 is 0 or 2 ? side / 2 : 0;
            var offsetY = pass % 4 is 0 or 1 ? side / 2 : 0;
            var tiles = new List<CellRectangle>();
            foreach (var (row, height) in Spans(layout.Rows, side, offsetY))
            {
                foreach (var (column, width) in Spans(layout.Columns, side, offsetX))
                {
                    tiles.Add(new CellRectangle(column, row, width, height));
                }
            }

            Parallel.ForEach(tiles, tile =>
            {
                var points = new List<int>();
                foreach (var cell in tile.GlobalCells(layout.Columns))
                {
                    if (pointOfCell[cell] >= 0)
                    {
                        points.Add(pointOfCell[cell]);
                    }
                }

                SolveTile(layout, tile, points, cellOfPoint, pointOfCell);
            });

            var previous = cost;
            cost = TotalCost(layout, cellOfPoint);
            if (previous - cost < MinimumGain * previous)
            {
                break;
            }
        }

        return cellOfPoint;
    }

    /// <summary>
    /// Positions to deal by: where exact prices from a coarse grid of about one tile's size send the
    /// points (so the deal already has the global shape of the optimum), or the points themselves
    /// when the grid is no bigger than a tile.
    /// </summary>
    private static (double[] X, double[] Y) DealKeys(ScaledLayout layout, int tileCells)
    {
        var factor = Math.Sqrt((double)layout.Cells / tileCells);
        var prices = factor < 2
            ? null
            : ExactGridAssigner.CoarsePrices(layout, (int)Math.Ceiling(layout.Columns / factor), (int)Math.Ceiling(layout.Rows / factor));
        return prices is null ? (layout.X, layout.Y) : TransportEstimate.Targets(layout, prices);
    }

    /// <summary>
    /// The initial sorted deal by the key positions (ties broken by the points' own positions):
    /// strips of whole rows by y rank, columns within a strip by x rank.
    /// </summary>
    private static void Deal(ScaledLayout layout, double[] keyX, double[] keyY, int stripRows, int[] cellOfPoint, int[] pointOfCell)
    {
        Array.Fill(pointOfCell, -1);
        Comparison<int> byY = (a, b) => keyY[a] != keyY[b] ? keyY[a].CompareTo(keyY[b]) : layout.Y[a].CompareTo(layout.Y[b]);
        Comparison<int> byX = (a, b) => keyX[a] != keyX[b] ? keyX[a].CompareTo(keyX[b]) : layout.X[a].CompareTo(layout.X[b]);
        var order = Enumerable.Range(0, layout.Count).ToArray();
        Array.Sort(order, byY);
        foreach (var (row, height) in Spans(layout.Rows, stripRows, 0))
        {
            // Quotas proportional to cells spread the empty cells evenly instead of leaving them
            // all at the end; a quota never exceeds its cells because points ≤ cells.
            var first = Share(layout.Count, row, layout.Rows);
            var strip = order[first..Share(layout.Count, row + height, layout.Rows)];
            Array.Sort(strip, byX);
            for (var column = 0; column < layout.Columns; column++)
            {
                var group = strip[Share(strip.Length, column, layout.Columns)..Share(strip.Length, column + 1, layout.Columns)];
                Array.Sort(group, byY);
                for (var k = 0; k < group.Length; k++)
                {
                    // Spread a short column's points over the strip's rows rather than bunching them at the top.
                    var cell = (row + Share(height, k, group.Length)) * layout.Columns + column;
                    cellOfPoint[group[k]] = cell;
                    pointOfCell[cell] = group[k];
                }
            }
        }
    }

    /// <summary>Exactly assigns <paramref name="points"/> to the tile's cells and records the result.</summary>
    private static void SolveTile(ScaledLayout layout, CellRectangle tile, List<int> points, int[] cellOfPoint, int[] pointOfCell)
    {
        if (points.Count == 0)
        {
            return;
        }

        var (x, y) = (new double[points.Count], new double[points.Count]);
        for (var k = 0; k < points.Count; k++)
        {
            (x[k], y[k]) = (layout.X[points[k]] - tile.Column, layout.Y[points[k]] - tile.Row);
        }

        var local = ExactGridAssigner.Assign(new ScaledLayout(x, y, tile.Width, tile.Height));
        foreach (var cell in tile.GlobalCells(layout.Columns))
        {
            pointOfCell[cell] = -1;
        }

        for (var k = 0; k < points.Count; k++)
        {
            var cell = tile.ToGlobal(local[k], layout.Columns);
            cellOfPoint[points[k]] = cell;
            pointOfCell[cell] = points[k];
        }
    }

    private static int Share(int total, int part, int whole) => (int)((long)total * part / whole);

    /// <summary>Consecutive spans covering [0, extent), the first ending at <paramref name="offset"/> when positive.</summary>
    private static List<(int Start, int Length)> Spans(int extent, int length, int offset)
    {
        var spans = new List<(int Start, int Length)>();
        for (var start = 0; start < extent;)
        {
            var end = Math.Min(extent, start == 0 && offset > 0 ? offset : start + length);
            spans.Add((start, end - start));
            start = end;
        }

        return spans;
    }

    private static double TotalCost(ScaledLayout layout, int[] cellOfPoint)
    {
        var total = 0.0;
        for (var i = 0; i < cellOfPoint.Length; i++)
        {
            var dx = layout.X[i] - (cellOfPoint[i] % layout.Columns + 0.5);
            var dy = layout.Y[i] - (cellOfPoint[i] / layout.Columns + 0.5);
            total += dx * dx + dy * dy;
        }

        return total;
    }
}
