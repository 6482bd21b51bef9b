using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Umap;

/// <summary>
/// Step 2 of UMAP: turns the k-NN graph and each point's (rho, sigma) into directed membership
/// strengths exp(−(d − rho)/sigma), then merges the two directions by fuzzy union
/// A + Aᵀ − A∘Aᵀ (set_op_mix_ratio 1) into a symmetric <see cref="SparseGraph"/>.
/// </summary>
internal static class FuzzySimplicialSet
{
    /// <summary>The symmetric N × N fuzzy graph of the first <paramref name="columns"/> neighbours of each point.</summary>
    public static SparseGraph Build(KnnGraph graph, int columns, float[] rho, float[] sigma)
    {
        SparseGraph directed = Memberships(graph, columns, rho, sigma);
        return Union(directed);
    }

    /// <summary>
    /// The directed membership matrix A (rows: the graph's points, columns: neighbour indices, so N × M
    /// where M is the number of points the neighbours index into): the nearest neighbour (d ≤ rho)
    /// gets 1, farther ones decay with sigma. Padding and self-loops are left out.
    /// </summary>
    public static SparseGraph Memberships(KnnGraph graph, int columns, float[] rho, float[] sigma, int columnCount = -1)
    {
        int n = graph.Count;
        var rowStart = new int[n + 1];
        var cols = new List<int>(n * columns);
        var vals = new List<float>(n * columns);
        var rowCols = new int[columns];
        var rowVals = new float[columns];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> indices = graph.NeighborsOf(i)[..columns];
            ReadOnlySpan<float> distances = graph.DistancesOf(i)[..columns];
            int count = 0;
            for (int j = 0; j < columns; j++)
            {
                int neighbor = indices[j];
                if (neighbor < 0 || (columnCount < 0 && neighbor == i))
                {
                    continue;
                }

                double d = distances[j] - rho[i];
                rowCols[count] = neighbor;
                rowVals[count] = d <= 0 || sigma[i] == 0f ? 1f : (float)Math.Exp(-d / sigma[i]);
                count++;
            }

            Array.Sort(rowCols, rowVals, 0, count);
            for (int j = 0; j < count; j++)
            {
                // A k-NN graph should not repeat a neighbour; if one does, keep the first (strongest) copy.
                if (j > 0 && rowCols[j] == rowCols[j - 1])
                {
                    continue;
                }

                cols.Add(rowCols[j]);
                vals.Add(rowVals[j]);
            }

            rowStart[i + 1] = cols.Count;
        }

        return new SparseGraph(n, columnCount < 0 ? n : columnCount, rowStart, [.. cols], [.. vals]);
    }

    /// <summary>
    /// Fuzzy union of a square A with its transpose: w_ij = a_ij + a_ji − a_ij·a_ji, which is
    /// "i and j are connected in either direction" under product t-norm fuzzy logic.
    /// </summary>
    public static SparseGraph Union(SparseGraph a)
    {
        int n = a.RowCount;

        // Each directed edge (i → j, x) lands in row i and row j; a pair present both ways then
        // appears twice in the same cell and is combined below.
        var counts = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            counts[i + 1] += a.RowStart[i + 1] - a.RowStart[i];
            foreach (int j in a.ColumnsOf(i))
            {
                counts[j + 1]++;
            }
        }

        for (int i = 0; i < n; i++)
        {
            counts[i + 1] += counts[i];
        }

        var fill = (int[])counts.Clone();
        var cols = new int[counts[n]];
        var vals = new float[counts[n]];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> rowCols = a.ColumnsOf(i);
            ReadOnlySpan<float> rowVals = a.ValuesOf(i);
            for (int e = 0; e < rowCols.Length; e++)
            {
                int j = rowCols[e];
                cols[fill[i]] = j;
                vals[fill[i]++] = rowVals[e];
                cols[fill[j]] = i;
                vals[fill[j]++] = rowVals[e];
            }
        }

        return CombineCells(n, counts, cols, vals);
    }

    /// <summary>Sorts each row by column and merges the (at most two) entries of a cell by fuzzy union.</summary>
    private static SparseGraph CombineCells(int n, int[] counts, int[] cols, float[] vals)
    {
        var rowStart = new int[n + 1];
        int write = 0;
        for (int i = 0; i < n; i++)
        {
            int start = counts[i], end = counts[i + 1];
            Array.Sort(cols, vals, start, end - start);
            for (int e = start; e < end; e++)
            {
                float w = vals[e];
                if (e + 1 < end && cols[e + 1] == cols[e])
                {
                    float other = vals[e + 1];
                    w = w + other - (w * other);
                    e++;
                }

                cols[write] = cols[e];
                vals[write++] = w;
            }

            rowStart[i + 1] = write;
        }

        return new SparseGraph(n, n, rowStart, cols[..write], vals[..write]);
    }
}
