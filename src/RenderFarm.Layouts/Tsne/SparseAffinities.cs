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

    /// <summary>Sorts each row by column and adds up repeated columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SparseAffinities Merge(int n, int[] starts, int[] columns, double[] values)
    {
        var rowStart = new int[n + 1];
        var outColumns = new List<int>(columns.Length);
        var outValues = new List<double>(columns.Length);
        for (int i = 0; i < n; i++)
        {
            int from = starts[i], length = starts[i + 1] - from;
            Array.Sort(columns, values, from, length);
            for (int e = from; e < from + length; e++)
            {
                if (e > from && columns[e] == columns[e - 1])
                {
                    outValues[^1] += values[e];
                }
                else
                {
                    outColumns.Add(columns[e]);
                    outValues.Add(values[e]);
                }
            }

            rowStart[i + 1] = outColumns.Count;
        }

        return new SparseAffinities(n, n, rowStart, [.. outColumns], [.. outValues]);
    }
}
