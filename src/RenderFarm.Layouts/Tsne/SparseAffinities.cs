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
    /// neighbours and their probabilities, rows summing to 1): symmetric, summing to 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static SparseAffinities Symmetrise(int[] neighbors, double[] conditional, int k)
    {
        int n = neighbors.Length / k;
        var counts = new int[n + 1];
        for (int e = 0; e < neighbors.Length; e++)
        {
            if (neighbors[e] >= 0)
            {
                counts[(e / k) + 1]++;
                counts[neighbors[e] + 1]++;
            }
        }

        for (int i = 0; i < n; i++)
        {
            counts[i + 1] += counts[i];
        }

        // Every edge goes in twice, (i, j) and (j, i); duplicates are merged per row below.
        var fill = counts[..n];
        var columns = new int[counts[n]];
        var values = new double[counts[n]];
        double scale = 1.0 / (2.0 * n);
        for (int e = 0; e < neighbors.Length; e++)
        {
            int i = e / k, j = neighbors[e];
            if (j >= 0)
            {
                double p = conditional[e] * scale;
                columns[fill[i]] = j;
                values[fill[i]++] = p;
                columns[fill[j]] = i;
                values[fill[j]++] = p;
            }
        }

        return Merge(n, counts, columns, values);
    }

    /// <summary>
    /// Sorts each row by column and adds up repeated columns, rows in parallel: each is sorted and
    /// compacted inside its own segment, then the segments are copied out behind one another
    /// (serially, with lists, this was 0.17 s of a 10k t-SNE's 0.23 s for P).
    /// </summary>
    private static SparseAffinities Merge(int n, int[] starts, int[] columns, double[] values)
    {
        var kept = new int[n];
        Parallel.For(0, n, i => kept[i] = SortAndCompact(columns, values, starts[i], starts[i + 1]));
        var rowStart = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            rowStart[i + 1] = rowStart[i] + kept[i];
        }

        var outColumns = new int[rowStart[n]];
        var outValues = new double[rowStart[n]];
        Parallel.For(0, n, i =>
        {
            Array.Copy(columns, starts[i], outColumns, rowStart[i], kept[i]);
            Array.Copy(values, starts[i], outValues, rowStart[i], kept[i]);
        });
        return new SparseAffinities(n, n, rowStart, outColumns, outValues);
    }

    /// <summary>Sorts [from, to) by column and merges repeats to its front; returns how many distinct columns remain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SortAndCompact(int[] columns, double[] values, int from, int to)
    {
        if (to == from)
        {
            return 0;
        }

        Array.Sort(columns, values, from, to - from);
        int last = from;
        for (int e = from + 1; e < to; e++)
        {
            if (columns[e] == columns[last])
            {
                values[last] += values[e];
            }
            else
            {
                last++;
                columns[last] = columns[e];
                values[last] = values[e];
            }
        }

        return last - from + 1;
    }
}
