namespace RenderFarm.Layouts.Umap;

/// <summary>Labels the connected components of a symmetric graph by breadth-first search.</summary>
internal static class ConnectedComponents
{
    /// <summary>Returns the component of every node (length N, labels 0..Count−1 in order of first node) and the count.</summary>
    public static (int[] Labels, int Count) Find(SparseGraph graph)
    {
        int n = graph.RowCount;
        var labels = new int[n];
        Array.Fill(labels, -1);
        var queue = new int[n];
        int count = 0;
        for (int start = 0; start < n; start++)
        {
            if (labels[start] >= 0)
            {
                continue;
            }

            int head = 0, tail = 0;
            queue[tail++] = start;
            labels[start] = count;
            while (head < tail)
            {
                int node = queue[head++];
                foreach (int next in graph.ColumnsOf(node))
                {
                    if (labels[next] < 0)
                    {
                        labels[next] = count;
                        queue[tail++] = next;
                    }
                }
            }

            count++;
        }

        return (labels, count);
    }
}
