using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Tests;

/// <summary>Seeded test data: Gaussian noise, Gaussian blobs, random orthonormal bases.</summary>
internal static class Synthetic
{
    public static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    public static Matrix Gaussian(int rows, int columns, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var m = new Matrix(rows, columns);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = (float)(scale * Normal(random));
        }

        return m;
    }

    /// <summary><paramref name="clusters"/> blobs of <paramref name="perCluster"/> points with unit spread, centres <paramref name="separation"/> apart on average.</summary>
    public static (Matrix Points, int[] Labels) Blobs(int clusters, int perCluster, int columns, double separation, int seed)
    {
        var random = new Random(seed);
        var centres = new double[clusters, columns];
        for (int c = 0; c < clusters; c++)
        {
            for (int j = 0; j < columns; j++)
            {
                centres[c, j] = separation * Normal(random);
            }
        }

        var points = new Matrix(clusters * perCluster, columns);
        var labels = new int[points.Rows];
        for (int i = 0; i < points.Rows; i++)
        {
            // Interleaved, so no algorithm gets the clusters handed over in order.
            int c = i % clusters;
            labels[i] = c;
            for (int j = 0; j < columns; j++)
            {
                points.Data[(i * columns) + j] = (float)(centres[c, j] + Normal(random));
            }
        }

        return (points, labels);
    }

    /// <summary><paramref name="count"/> orthonormal rows of length <paramref name="length"/> (Gram-Schmidt on Gaussian rows, in double).</summary>
    public static double[][] Orthonormal(int count, int length, int seed)
    {
        var random = new Random(seed);
        var rows = new double[count][];
        for (int k = 0; k < count; k++)
        {
            double[] v = Enumerable.Range(0, length).Select(_ => Normal(random)).ToArray();
            for (int pass = 0; pass < 2; pass++)
            {
                for (int j = 0; j < k; j++)
                {
                    double dot = Dot(v, rows[j]);
                    for (int i = 0; i < length; i++)
                    {
                        v[i] -= dot * rows[j][i];
                    }
                }
            }

            double norm = Math.Sqrt(Dot(v, v));
            rows[k] = v.Select(x => x / norm).ToArray();
        }

        return rows;
    }

    public static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Count; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public static double Distance(Matrix m, int i, int j)
    {
        double sum = 0;
        for (int c = 0; c < m.Columns; c++)
        {
            double d = (double)m.Data[(i * m.Columns) + c] - m.Data[(j * m.Columns) + c];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
