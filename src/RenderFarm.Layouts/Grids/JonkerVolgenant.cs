namespace RenderFarm.Layouts.Grids;

/// <summary>
/// Jonker &amp; Volgenant's (1987) shortest-augmenting-path algorithm for rows ≤ columns. Cheap
/// initialisation phases (column reduction, reduction transfer, augmenting row reduction) assign
/// most rows; the remaining free rows are routed by <see cref="AugmentingPathSearch"/>.
/// Invariant throughout: every assigned row sits on a column of minimum reduced cost
/// (cost − price), which is what makes the Dijkstra search and hence the result exact.
/// </summary>
internal sealed class JonkerVolgenant
{
    // Augmenting row reduction is an auction; with near-equal costs two rows can outbid each other
    // by ever smaller amounts. Past this many re-bids per free row it hands over to the exact phase.
    private const int RebidsPerFreeRow = 8;

    private readonly IAssignmentCostRows _costs;
    private readonly int _rows;
    private readonly int _columns;
    private readonly int[] _columnOfRow;
    private readonly int[] _rowOfColumn;
    private readonly double[] _price;
    private readonly double[] _row;
    private readonly bool _warm;

    /// <param name="costs">The problem; must be square when <paramref name="initialPrices"/> are given.</param>
    /// <param name="initialPrices">Estimated column prices to start from (a warm start), or null.</param>
    public JonkerVolgenant(IAssignmentCostRows costs, double[]? initialPrices)
    {
        _costs = costs;
        _rows = costs.Rows;
        _columns = costs.Columns;
        var padded = AssignmentKernels.PaddedLength(_columns);
        _columnOfRow = new int[_rows];
        _rowOfColumn = new int[_columns];
        _price = new double[padded];
        _row = new double[_columns];
        Array.Fill(_columnOfRow, -1);
        Array.Fill(_rowOfColumn, -1);
        if (initialPrices is not null)
        {
            if (_rows != _columns || initialPrices.Length != _columns)
            {
                throw new ArgumentException("A warm start needs a square problem and one price per column.", nameof(initialPrices));
            }

            initialPrices.CopyTo(_price, 0);
            _warm = true;
        }
    }

    /// <summary>The column prices (JV's v) after <see cref="Solve"/>, padded to whole SIMD vectors.</summary>
    public double[] Prices => _price;

    public int[] Solve()
    {
        int[] free;
        int freeCount;
        if (_rows == _columns && !_warm)
        {
            freeCount = ReduceColumns(out free);
        }
        else
        {
            // Column reduction would give the columns that end up empty different values of v,
            // which breaks optimality for rectangular problems. Starting from v = 0 everywhere
            // works: v only ever falls on columns that get a row, so empty columns keep the highest
            // v, as the rectangular dual requires. A warm start keeps its given prices instead.
            free = new int[_rows];
            for (var i = 0; i < _rows; i++)
            {
                free[i] = i;
            }

            freeCount = _rows;
        }

        for (var pass = 0; pass < 2 && freeCount > 0; pass++)
        {
            freeCount = ReduceAugmentingRows(free, freeCount);
        }

        var search = new AugmentingPathSearch(_costs);
        for (var f = 0; f < freeCount; f++)
        {
            search.Augment(free[f], _columnOfRow, _rowOfColumn, _price);
        }

        return _columnOfRow;
    }

    /// <summary>
    /// Column reduction and reduction transfer (square problems only): each column is priced at its
    /// cheapest row and given to it; rows that won one column pass their slack to it. Returns the
    /// number of rows left free, listed in <paramref name="free"/>.
    /// </summary>
    private int ReduceColumns(out int[] free)
    {
        var cheapestRow = new int[_columns];
        Array.Fill(_price, double.PositiveInfinity, 0, _columns);
        for (var i = 0; i < _rows; i++)
        {
            _costs.FillRow(i, _row);
            for (var j = 0; j < _columns; j++)
            {
                if (_row[j] < _price[j])
                {
                    _price[j] = _row[j];
                    cheapestRow[j] = i;
                }
            }
        }

        var matches = new int[_rows];
        for (var j = _columns - 1; j >= 0; j--)
        {
            var i = cheapestRow[j];
            if (++matches[i] == 1)
            {
                _columnOfRow[i] = j;
                _rowOfColumn[j] = i;
            }
            else if (_price[j] < _price[_columnOfRow[i]])
            {
                _rowOfColumn[_columnOfRow[i]] = -1;
                _columnOfRow[i] = j;
                _rowOfColumn[j] = i;
            }
        }

        free = new int[_rows];
        var freeCount = 0;
        for (var i = 0; i < _rows; i++)
        {
            if (matches[i] == 0)
            {
                free[freeCount++] = i;
            }
            else if (matches[i] == 1 && _columns > 1)
            {
                // Lowering its column's v by the row's slack (its gap to the next-best column)
                // keeps that column the row's cheapest (tied) and makes it dearer for everyone else.
                var own = _columnOfRow[i];
                _costs.FillRow(i, _row);
                var slack = double.PositiveInfinity;
                for (var j = 0; j < _columns; j++)
                {
                    if (j != own)
                    {
                        slack = Math.Min(slack, _row[j] - _price[j]);
                    }
                }

                _price[own] -= slack;
            }
        }

        return freeCount;
    }

    /// <summary>
    /// One pass of augmenting row reduction: each free row takes its cheapest column, lowering that
    /// column's price by the gap to its second-cheapest so it stays optimal there, and the row it
    /// displaces bids next. Returns the rows still free, compacted to the front of <paramref name="free"/>.
    /// </summary>
    private int ReduceAugmentingRows(int[] free, int freeCount)
    {
        var next = 0;
        var stillFree = 0;
        var rebids = (long)RebidsPerFreeRow * freeCount;
        while (next < freeCount)
        {
            var i = free[next++];
            _costs.FillRow(i, _row);
            var (best, bestColumn, second, secondColumn) = TwoCheapest();
            var displaced = _rowOfColumn[bestColumn];
            var strictlyBetter = best < second;
            if (strictlyBetter)
            {
                _price[bestColumn] -= second - best;
            }
            else if (displaced >= 0)
            {
                bestColumn = secondColumn;
                displaced = _rowOfColumn[secondColumn];
            }

            _columnOfRow[i] = bestColumn;
            _rowOfColumn[bestColumn] = i;
            if (displaced < 0)
            {
                continue;
            }

            _columnOfRow[displaced] = -1;
            if (strictlyBetter && rebids-- > 0)
            {
                free[--next] = displaced;
            }
            else
            {
                free[stillFree++] = displaced;
            }
        }

        return stillFree;
    }

    /// <summary>The lowest and second-lowest reduced costs of the row in the buffer, and their columns.</summary>
    private (double Best, int BestColumn, double Second, int SecondColumn) TwoCheapest()
    {
        var (best, bestColumn, second, secondColumn) =
            AssignmentKernels.TwoSmallestDifferences(_row, _price.AsSpan(0, _columns));
        if (secondColumn < 0)
        {
            // A single column: nothing to outbid, so no price change.
            (second, secondColumn) = (best, bestColumn);
        }

        return (best, bestColumn, second, secondColumn);
    }
}
