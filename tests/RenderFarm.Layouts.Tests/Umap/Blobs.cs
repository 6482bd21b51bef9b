using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Tests.Umap;

/// <summary>Synthetic Gaussian clusters for small, fast UMAP tests.</summary>
internal static class Blobs
{
    /// <summary>
    /// <paramref name="clusters"/> × <paramref name="perCluster"/> points in <paramref name="dims"/>
    /// dimensions (unit-variance clusters whose centres are <paramref name="separation"/> apart along
    /// separate axes), with their cluster labels.
    /// </summary>
    public static (Matrix Data, int[] Labels) Make(int clusters, int perCluster, int dims, double separation, int seed)
    {
        var random = new Random(seed);
        var data = new Matrix(clusters * perCluster, dims);
        var labels = new int[clusters * perCluster];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i / perCluster;
            Span<float> row = data.Row(i);
            for (int d = 0; d < dims; d++)
            {
                double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                row[d] = (float)(gaussian + (d == labels[i] % dims ? separation : 0));
            }
        }

        return (data, labels);
    }
}
