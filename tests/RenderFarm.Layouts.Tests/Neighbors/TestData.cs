using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Tests.Neighbors;

/// <summary>Small seeded matrices for the neighbour tests.</summary>
internal static class TestData
{
    /// <summary>Uniform values in [−1, 1), seeded so failures reproduce.</summary>
    public static Matrix Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var data = new float[rows * columns];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return new Matrix(rows, columns, data);
    }

    /// <summary>Copies row <paramref name="from"/> over row <paramref name="to"/>.</summary>
    public static void Duplicate(Matrix data, int from, int to) => data.Row(from).CopyTo(data.Row(to));
}
