namespace RenderFarm.Layouts.Umap;

/// <summary>
/// A weighted sparse graph in CSR form: <see cref="RowCount"/> rows over <see cref="ColumnCount"/>
/// columns; row r's edges are <c>Columns[RowStart[r]..RowStart[r+1]]</c> (sorted ascending, unique)
/// with weights <c>Values</c> at the same positions. The fuzzy simplicial set is square and
/// symmetric (both directions stored); a transform graph maps new points (rows) to fitted ones.
/// </summary>
internal sealed class SparseGraph
{
    public SparseGraph(int rowCount, int columnCount, int[] rowStart, int[] columns, float[] values)
    {
        if (rowStart.Length != rowCount + 1 || columns.Length != values.Length || rowStart[rowCount] != columns.Length)
        {
            throw new ArgumentException("CSR arrays do not agree: rowStart needs rowCount + 1 entries ending at the edge count.");
        }

        RowCount = rowCount;
        ColumnCount = columnCount;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int RowCount { get; }

    public int ColumnCount { get; }

    /// <summary>Row offsets, length RowCount + 1.</summary>
    public int[] RowStart { get; }

    /// <summary>Column of every edge, length EdgeCount.</summary>
    public int[] Columns { get; }

    /// <summary>Weight of every edge in (0, 1], length EdgeCount.</summary>
    public float[] Values { get; }

    public int EdgeCount => Columns.Length;

    public ReadOnlySpan<int> ColumnsOf(int row) => Columns.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    public ReadOnlySpan<float> ValuesOf(int row) => Values.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    /// <summary>The largest weight (0 for an empty graph).</summary>
    public float MaxValue()
    {
        float max = 0f;
        foreach (float v in Values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    /// <summary>
    /// A copy without the edges weighing less than <paramref name="threshold"/> (and without zeros):
    /// umap drops edges below max/n_epochs because they would never be sampled in the optimisation.
    /// </summary>
    public SparseGraph WithoutWeightsBelow(float threshold)
    {
        var rowStart = new int[RowCount + 1];
        var columns = new List<int>(EdgeCount);
        var values = new List<float>(EdgeCount);
        for (int r = 0; r < RowCount; r++)
        {
            for (int e = RowStart[r]; e < RowStart[r + 1]; e++)
            {
                if (Values[e] > 0f && Values[e] >= threshold)
                {
                    columns.Add(Columns[e]);
                    values.Add(Values[e]);
                }
            }

            rowStart[r + 1] = columns.Count;
        }

        return new SparseGraph(RowCount, ColumnCount, rowStart, [.. columns], [.. values]);
    }

    /// <summary>The sum of each row's weights (length RowCount): the degree for a symmetric graph.</summary>
    public double[] RowSums()
    {
        var sums = new double[RowCount];
        for (int r = 0; r < RowCount; r++)
        {
            double sum = 0.0;
            foreach (float v in ValuesOf(r))
            {
                sum += v;
            }

            sums[r] = sum;
        }

        return sums;
    }
}
