using System.Numerics.Tensors;
using RenderFarm.Embedding.Analysis;

namespace RenderFarm.Embedding.Tests.Analysis;

/// <summary>Whatever the sample spans, the directions must be orthonormal: the pair search's exactness rests on it.</summary>
public sealed class PrincipalDirectionsTests
{
    [Theory]
    [InlineData(3, 3072, 48)] // a handful of images at pixel size 32: nearly every direction collapses
    [InlineData(2, 3, 3)]
    [InlineData(500, 64, 48)]
    public void Compute_AnySampleRank_ReturnsOrthonormalDirections(int rows, int dimension, int count)
    {
        var random = new Random(rows + dimension);
        float[] data = [.. Enumerable.Range(0, rows * dimension).Select(_ => (float)random.NextDouble())];

        float[] basis = PrincipalDirections.Compute(data, rows, dimension, count, seed: 17);

        Assert.Equal(count * dimension, basis.Length);
        for (int a = 0; a < count; a++)
        {
            for (int b = a; b < count; b++)
            {
                float dot = TensorPrimitives.Dot(basis.AsSpan(a * dimension, dimension), basis.AsSpan(b * dimension, dimension));
                Assert.True(Math.Abs(dot - (a == b ? 1f : 0f)) < 1e-4f, $"directions {a} and {b}: dot {dot}");
            }
        }
    }
}
