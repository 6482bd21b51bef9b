using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// A sparse matrix of affinities in compressed-row form: row i's columns are
/// Columns[RowStart[i] .. RowStart[i + 1]) in ascending order, with their Values.
/// </summary>
public sealed class SparseAffinities
{
    internal SparseAffinities(int rows, int columnCount, int[] rowStart, int[] columns, double[] values)
    {
        Rows = rows;
        ColumnCount = columnCount;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }

    public int ColumnCount { get; }

    public int[] RowStart { get; }

    public int[] Columns { get; }

    public double[] Values { get; }

    public ReadOnlySpan<int> ColumnsOf(int row) => Columns.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    public ReadOnlySpan<double> ValuesOf(int row) => Values.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    /// <summary>The value at (row, column), 0 where none is stored.</summary>
    public double At(int row, int column)
    {
        int index = ColumnsOf(row).BinarySearch(column);
        return index >= 0 ? ValuesOf(row)[index] : 0;
    }

    /// <summary>
    /// The joint probabilities (P + Pᵀ)/(2N) of a conditional N × k neighbour matrix (row i's
    /// neighbours and their probabilities, rows summing to 1; padding −1): symmetric, summing to 1.
    /// </summary>
    /// <remarks>
    /// Without a comparison sort: transposing a sparse matrix by counting (scatter each row's
    /// entries into their columns' rows, rows in ascending order) leaves every row of the result
    /// in column order, so Pᵀ comes out sorted and Pᵀᵀ is P with its rows sorted. Row i of the sum is
    /// then one linear merge of row i of each. Sorting each row with Array.Sort took 45 ms at 10k
    /// points and 130 ms in a fresh process (the generic sort starts out unoptimised).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static SparseAffinities Symmetrise(int[] neighbors, double[] conditional, int k)
    {
        int n = neighbors.Length / k;
        var rowStart = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            int valid = 0;
            for (int e = i * k; e < (i + 1) * k; e++)
            {
                valid += neighbors[e] >= 0 ? 1 : 0;
            }

            rowStart[i + 1] = rowStart[i] + valid;
        }

        var columns = new int[rowStart[n]];
        var values = new double[rowStart[n]];
        double scale = 1.0 / (2.0 * n);
        for (int i = 0, at = 0; i < n; i++)
        {
            for (int e = i * k; e < (i + 1) * k; e++)
            {
                if (neighbors[e] >= 0)
                {
                    columns[at] = neighbors[e];
                    values[at++] = conditional[e] * scale;
                }
            }
        }

        var forward = new SparseAffinities(n, n, rowStart, columns, values);
        SparseAffinities backward = forward.Transpose();
        return Sum(backward.Transpose(), backward);
    }

    /// <summary>The transpose, by counting: each of its rows comes out in ascending column order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SparseAffinities Transpose()
    {
        var start = new int[ColumnCount + 1];
        foreach (int column in Columns)
        {
            start[column + 1]++;
        }

        for (int c = 0; c < ColumnCount; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = start[..ColumnCount];
        var columns = new int[Columns.Length];
        var values = new double[Values.Length];
        for (int row = 0; row < Rows; row++)
        {
            for (int e = RowStart[row]; e < RowStart[row + 1]; e++)
            {
                int at = fill[Columns[e]]++;
                columns[at] = row;
                values[at] = Values[e];
            }
        }

        return new SparseAffinities(ColumnCount, Rows, start, columns, values);
    }

    /// <summary>a + b for two matrices of one shape whose rows are in column order, rows merged in parallel.</summary>
    private static SparseAffinities Sum(SparseAffinities a, SparseAffinities b)
    {
        int n = a.Rows;
        var rowStart = new int[n + 1];
        Parallel.For(0, n, i => rowStart[i + 1] = MergeRow(a, b, i, null, null, 0));
        for (int i = 0; i < n; i++)
        {
            rowStart[i + 1] += rowStart[i];
        }

        var columns = new int[rowStart[n]];
        var values = new double[rowStart[n]];
        Parallel.For(0, n, i => MergeRow(a, b, i, columns, values, rowStart[i]));
        return new SparseAffinities(n, a.ColumnCount, rowStart, columns, values);
    }

    /// <summary>
    /// Merges row i of a and of b (each in column order), adding up equal columns, into
    /// columns/values from <paramref name="at"/> on, or only counts when they are null; returns the count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MergeRow(SparseAffinities a, SparseAffinities b, int i, int[]? columns, double[]? values, int at)
    {
        int ea = a.RowStart[i], endA = a.RowStart[i + 1], eb = b.RowStart[i], endB = b.RowStart[i + 1];
        int count = 0, last = -1;
        while (ea < endA || eb < endB)
        {
            bool fromA = eb == endB || (ea < endA && a.Columns[ea] <= b.Columns[eb]);
            int column = fromA ? a.Columns[ea] : b.Columns[eb];
            double value = fromA ? a.Values[ea++] : b.Values[eb++];
            if (column != last)
            {
                count++;
                last = column;
                if (columns is not null)
                {
                    columns[at + count - 1] = column;
                }
            }

            if (values is not null)
            {
                values[at + count - 1] += value;
            }
        }

        return count;
    }
}
