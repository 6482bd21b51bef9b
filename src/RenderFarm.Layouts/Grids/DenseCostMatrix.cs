namespace RenderFarm.Layouts.Grids;

/// <summary>A stored row-major cost matrix, for callers whose costs are not cheap to recompute.</summary>
public sealed class DenseCostMatrix : IAssignmentCostRows
{
    private readonly double[] _costs;

    public DenseCostMatrix(int rows, int columns, double[] costs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(costs);
        if (costs.LongLength != (long)rows * columns)
        {
            throw new ArgumentException($"A {rows}x{columns} cost matrix needs {(long)rows * columns} values, got {costs.LongLength}.", nameof(costs));
        }

        // Checked once here so that the solver's inner loops need no NaN guards: a NaN would make
        // every comparison false and the search could never finish.
        for (var k = 0; k < costs.Length; k++)
        {
            if (!double.IsFinite(costs[k]))
            {
                throw new ArgumentException($"Cost [{k / columns}, {k % columns}] is {costs[k]}; costs must be finite.", nameof(costs));
            }
        }

        Rows = rows;
        Columns = columns;
        _costs = costs;
    }

    public int Rows { get; }

    public int Columns { get; }

    public void FillRow(int row, Span<double> destination) =>
        _costs.AsSpan(row * Columns, Columns).CopyTo(destination);
}
