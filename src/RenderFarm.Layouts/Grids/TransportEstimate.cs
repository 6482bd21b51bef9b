namespace RenderFarm.Layouts.Grids;

/// <summary>
/// Where the optimal assignment roughly sends each point, from column prices alone: the cell
/// minimising cost − price. With prices from an exact coarse solve this captures the global
/// spreading of dense clusters, which local refinement cannot discover on its own at large N.
/// </summary>
internal static class TransportEstimate
{
    /// <summary>
    /// Each point's price-adjusted best cell, found by descent over the 8 neighbouring cells from
    /// the cell under the point. Cost − price is close to convex in the cell position for transport
    /// prices (the Brenier potential), so the descent reaches the minimum or a cell next to it.
    /// </summary>
    public static (double[] X, double[] Y) Targets(ScaledLayout layout, double[] prices)
    {
        var tx = new double[layout.Count];
        var ty = new double[layout.Count];
        Parallel.For(0, layout.Count, i =>
        {
            var column = Math.Clamp((int)layout.X[i], 0, layout.Columns - 1);
            var row = Math.Clamp((int)layout.Y[i], 0, layout.Rows - 1);
            var value = Reduced(layout, prices, i, column, row);
            for (var step = 0; step < layout.Columns + layout.Rows; step++)
            {
                var (bestColumn, bestRow, best) = (column, row, value);
                for (var dr = -1; dr <= 1; dr++)
                {
                    for (var dc = -1; dc <= 1; dc++)
                    {
                        var (c, r) = (column + dc, row + dr);
                        if ((uint)c < (uint)layout.Columns && (uint)r < (uint)layout.Rows)
                        {
                            var candidate = Reduced(layout, prices, i, c, r);
                            if (candidate < best)
                            {
                                (bestColumn, bestRow, best) = (c, r, candidate);
                            }
                        }
                    }
                }

                if (best >= value)
                {
                    break;
                }

                (column, row, value) = (bestColumn, bestRow, best);
            }

            (tx[i], ty[i]) = (column + 0.5, row + 0.5);
        });

        return (tx, ty);
    }

    private static double Reduced(ScaledLayout layout, double[] prices, int point, int column, int row)
    {
        var dx = layout.X[point] - (column + 0.5);
        var dy = layout.Y[point] - (row + 0.5);
        return dx * dx + dy * dy - prices[row * layout.Columns + column];
    }
}
