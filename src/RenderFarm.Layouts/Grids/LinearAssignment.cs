namespace RenderFarm.Layouts.Grids;

/// <summary>Exact minimum-cost assignment of every row to a distinct column (rows ≤ columns).</summary>
public static class LinearAssignment
{
    /// <summary>
    /// Solves the problem exactly with Jonker–Volgenant. Memory is linear in the number of columns:
    /// rows are requested from <paramref name="costs"/> as needed, never stored.
    /// </summary>
    public static AssignmentSolution SolveDense(IAssignmentCostRows costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (costs.Rows > costs.Columns)
        {
            throw new ArgumentException($"{costs.Rows} rows cannot each get a distinct column of {costs.Columns}.", nameof(costs));
        }

        if (costs.Rows == 0)
        {
            return new AssignmentSolution([], 0);
        }

        var columnOfRow = new JonkerVolgenant(costs, null).Solve();
        return new AssignmentSolution(columnOfRow, TotalCost(costs, columnOfRow));
    }

    /// <summary>
    /// Solves exactly, starting from estimated column prices when given (e.g. interpolated from a
    /// coarser problem), which shortens the augmenting paths; returns the final prices too, so that
    /// they can seed a finer problem in turn.
    /// </summary>
    internal static (int[] ColumnOfRow, double[] Prices) SolveWithPrices(IAssignmentCostRows costs, double[]? initialPrices)
    {
        if (initialPrices is null)
        {
            var cold = new JonkerVolgenant(costs, null);
            return (cold.Solve(), cold.Prices[..costs.Columns]);
        }

        var square = costs.Rows < costs.Columns ? new ZeroPaddedCosts(costs) : costs;
        var warm = new JonkerVolgenant(square, initialPrices);
        return (warm.Solve()[..costs.Rows], warm.Prices[..costs.Columns]);
    }

    /// <summary>Solves a stored row-major <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    public static AssignmentSolution SolveDense(double[] costs, int rows, int columns) =>
        SolveDense(new DenseCostMatrix(rows, columns, costs));

    /// <summary>The summed cost of an assignment, recomputed row by row.</summary>
    public static double TotalCost(IAssignmentCostRows costs, int[] columnOfRow)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(columnOfRow);
        var row = new double[costs.Columns];
        var total = 0.0;
        for (var i = 0; i < columnOfRow.Length; i++)
        {
            costs.FillRow(i, row);
            total += row[columnOfRow[i]];
        }

        return total;
    }
}
