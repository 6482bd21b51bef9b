using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Tests.Geometry;

public sealed class PointDistanceTests
{
    /// <summary>Every width, through the two-vector loop, the one-vector loop and the scalar tail, against a sum in double.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(25)]
    [InlineData(784)]
    public void Squared_AnyWidth_MatchesDoubleSum(int width)
    {
        var random = new Random(width);
        float[] a = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble()).ToArray();
        float[] b = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble()).ToArray();
        double expected = a.Zip(b, (x, y) => ((double)x - y) * ((double)x - y)).Sum();

        float squared = PointDistance.Squared(a, b);

        Assert.Equal(expected, squared, expected * 1e-5);
        Assert.Equal(Math.Sqrt(expected), PointDistance.Euclidean(a, b), Math.Sqrt(expected) * 1e-5);
    }

    [Fact]
    public void Squared_SameRow_IsExactlyZero()
    {
        float[] a = Enumerable.Range(0, 100).Select(i => i * 0.37f).ToArray();

        Assert.Equal(0f, PointDistance.Squared(a, a.ToArray()));
    }
}
