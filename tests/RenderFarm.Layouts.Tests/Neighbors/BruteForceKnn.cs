using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tests.Neighbors;

/// <summary>The obvious O(N² D) search in double precision: the reference the fast searches are judged against.</summary>
internal static class BruteForceKnn
{
    /// <summary>Per point, every other point as (index, distance) sorted by distance then index.</summary>
    public static (int Index, double Distance)[][] AllSorted(Matrix data, DistanceMetric metric)
    {
        var result = new (int, double)[data.Rows][];
        for (int i = 0; i < data.Rows; i++)
        {
            var row = new List<(int Index, double Distance)>();
            for (int j = 0; j < data.Rows; j++)
            {
                if (j != i)
                {
                    row.Add((j, Distance(data.Row(i), data.Row(j), metric)));
                }
            }

            result[i] = [.. row.OrderBy(e => e.Distance).ThenBy(e => e.Index)];
        }

        return result;
    }

    public static double Distance(ReadOnlySpan<float> x, ReadOnlySpan<float> y, DistanceMetric metric)
    {
        double dot = 0, xx = 0, yy = 0, squared = 0;
        for (int c = 0; c < x.Length; c++)
        {
            double difference = (double)x[c] - y[c];
            squared += difference * difference;
            dot += (double)x[c] * y[c];
            xx += (double)x[c] * x[c];
            yy += (double)y[c] * y[c];
        }

        return metric == DistanceMetric.Euclidean ? Math.Sqrt(squared) : 1 - (dot / Math.Sqrt(xx * yy));
    }
}
