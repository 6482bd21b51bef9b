using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class FftPlanTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(48)]
    [InlineData(384)]
    [InlineData(64)]
    public void Transform_RandomSequence_MatchesNaiveDft(int n)
    {
        var random = new Random(n);
        float[] re = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] im = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        (double[] expectedRe, double[] expectedIm) = NaiveDft(re, im, inverse: false);

        new FftPlan(n).Transform(re, im, 0, inverse: false);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expectedRe[k], re[k], Tolerance(n));
            Assert.Equal(expectedIm[k], im[k], Tolerance(n));
        }
    }

    [Theory]
    [InlineData(24)]
    [InlineData(96)]
    public void Transform_Inverse_MatchesNaiveInverseDftAtAnOffset(int n)
    {
        const int offset = 5;
        var random = new Random(n + 1);
        float[] re = Enumerable.Range(0, n + offset).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] im = Enumerable.Range(0, n + offset).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        (double[] expectedRe, double[] expectedIm) = NaiveDft(re[offset..], im[offset..], inverse: true);
        float[] untouched = re[..offset];

        new FftPlan(n).Transform(re, im, offset, inverse: true);

        Assert.Equal(untouched, re[..offset]);
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expectedRe[k], re[offset + k], Tolerance(n));
            Assert.Equal(expectedIm[k], im[offset + k], Tolerance(n));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 6)]
    [InlineData(7, 8)]
    [InlineData(600, 768)]
    [InlineData(769, 1024)]
    [InlineData(1025, 1536)]
    [InlineData(1800, 2048)]
    public void GoodLength_ReturnsSmallestSupportedLengthAtLeastN(int n, int expected)
    {
        Assert.Equal(expected, FftPlan.GoodLength(n));
        Assert.True(FftPlan.IsSupported(expected));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(600)]
    public void Constructor_UnsupportedLength_Throws(int n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FftPlan(n));
    }

    /// <summary>
    /// Single precision: each of log₂ n stages rounds to about 6·10⁻⁸ of values that grow to √n
    /// times the inputs' size, so the error bound grows like √n; a wrong twiddle or index is off by O(1).
    /// </summary>
    internal static double Tolerance(int n) => 2e-6 * Math.Sqrt(Math.Max(n, 2)) * Math.Log2(Math.Max(n, 2));

    internal static (double[] Re, double[] Im) NaiveDft(float[] re, float[] im, bool inverse)
    {
        int n = re.Length;
        double sign = inverse ? 1 : -1;
        var outRe = new double[n];
        var outIm = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                double angle = sign * 2 * Math.PI * ((long)k * t % n) / n;
                outRe[k] += (re[t] * Math.Cos(angle)) - (im[t] * Math.Sin(angle));
                outIm[k] += (re[t] * Math.Sin(angle)) + (im[t] * Math.Cos(angle));
            }
        }

        return (outRe, outIm);
    }
}
