namespace RenderFarm.Layouts.Grids;

/// <summary>
/// The shortest-augmenting-path phase of Jonker–Volgenant: a Dijkstra search over columns in
/// reduced costs (cost − column price) from one free row to the nearest free column, followed by
/// the price update that keeps every assigned row on its cheapest column, and the augmentation.
/// Instead of JV's column list (which gathers through an index), every scan sweeps all columns
/// with SIMD; a finished column gets price −∞ and distance +∞ for the rest of the search, so the
/// sweep needs no mask and its minimum skips finished columns by itself.
/// </summary>
internal sealed class AugmentingPathSearch
{
    private readonly IAssignmentCostRows _costs;
    private readonly SquaredDistanceCosts? _squaredDistances;
    private readonly int _columns;
    private readonly double[] _distance;
    private readonly double[] _searchPrice;
    private readonly long[] _predecessor;
    private readonly double[] _row;
    private readonly int[] _scanned;
    private readonly double[] _settled;
    private readonly int[] _batch;

    public AugmentingPathSearch(IAssignmentCostRows costs)
    {
        _costs = costs;
        _squaredDistances = costs as SquaredDistanceCosts;
        _columns = costs.Columns;
        var padded = AssignmentKernels.PaddedLength(_columns);
        _distance = new double[padded];
        _searchPrice = new double[padded];
        _predecessor = new long[padded];
        _row = new double[padded];
        _scanned = new int[_columns];
        _settled = new double[_columns];
        _batch = new int[_columns];
    }

    /// <summary>Assigns <paramref name="freeRow"/>, re-routing assigned rows along the shortest path.</summary>
    /// <param name="columnOfRow">Row → column, −1 when free; updated.</param>
    /// <param name="rowOfColumn">Column → row, −1 when free; updated.</param>
    /// <param name="price">Column prices (JV's v), at least as long as the columns; updated.</param>
    public void Augment(int freeRow, int[] columnOfRow, int[] rowOfColumn, double[] price)
    {
        Array.Fill(_distance, double.PositiveInfinity);
        price.AsSpan(0, _columns).CopyTo(_searchPrice);
        _searchPrice.AsSpan(_columns).Fill(double.NegativeInfinity);
        var minimum = Relax(freeRow, -1, 0, price);
        var scannedCount = 0;
        int end;
        while (true)
        {
            var batchCount = CollectAt(minimum, rowOfColumn, out end);
            if (end >= 0)
            {
                break;
            }

            // Every column of the batch sits at the same distance, so all are finished together
            // (JV's SCAN list); ties are common in grid problems and this avoids re-finding them.
            for (var b = 0; b < batchCount; b++)
            {
                var column = _batch[b];
                _settled[scannedCount] = _distance[column];
                _scanned[scannedCount++] = column;
                _distance[column] = double.PositiveInfinity;
                _searchPrice[column] = double.NegativeInfinity;
            }

            for (var b = 0; b < batchCount; b++)
            {
                var column = _batch[b];
                var row = rowOfColumn[column];

                var next = Relax(row, column, minimum, price);
                if (b == batchCount - 1)
                {
                    minimum = next;
                }
            }
        }

        for (var s = 0; s < scannedCount; s++)
        {
            price[_scanned[s]] += _settled[s] - minimum;
        }

        var current = end;
        while (true)
        {
            var row = (int)_predecessor[current];
            rowOfColumn[current] = row;
            (columnOfRow[row], current) = (current, columnOfRow[row]);
            if (row == freeRow)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Relaxes every unfinished column through <paramref name="row"/>, whose own column (−1 for the
    /// free row) is at distance <paramref name="reached"/>; returns the new minimum distance.
    /// </summary>
    private double Relax(int row, int ownColumn, double reached, double[] price)
    {
        if (_squaredDistances is { } squared)
        {
            // Shift the row's reduced costs so that its own column sits at the batch distance
            // (not the running minimum, which relaxing earlier rows of the batch may have raised).
            var shift = ownColumn < 0 ? 0 : reached - (squared.Cost(row, ownColumn) - price[ownColumn]);
            var (x, y) = squared.Source(row);
            return AssignmentKernels.RelaxSquaredDistance(_distance, _predecessor, squared.PaddedTargetX, squared.PaddedTargetY, _searchPrice, x, y, shift, row);
        }

        _costs.FillRow(row, _row.AsSpan(0, _columns));
        var rowShift = ownColumn < 0 ? 0 : reached - (_row[ownColumn] - price[ownColumn]);
        return AssignmentKernels.Relax(_distance, _predecessor, _row, _searchPrice, rowShift, row);
    }

    /// <summary>
    /// Gathers the unfinished columns at distance <paramref name="minimum"/> into the batch; stops
    /// early at a free one (returned in <paramref name="freeColumn"/>, else −1): the path ends there.
    /// </summary>
    private int CollectAt(double minimum, int[] rowOfColumn, out int freeColumn)
    {
        var count = 0;
        var column = AssignmentKernels.IndexOfEqual(_distance, minimum, 0);
        while (column >= 0)
        {
            if (rowOfColumn[column] < 0)
            {
                freeColumn = column;
                return count;
            }

            _batch[count++] = column;
            column = AssignmentKernels.IndexOfEqual(_distance, minimum, column + 1);
        }

        freeColumn = -1;
        return count;
    }
}
