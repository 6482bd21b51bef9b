using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class FftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(1024)]
    public void Transform_RandomSequence_MatchesNaiveDft(int n)
    {
        var random = new Random(n);
        float[] re = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] im = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        (double[] expectedRe, double[] expectedIm) = NaiveDft(re, im);
        var twiddles = Fft.Twiddles(n);

        Fft.Transform(re, im, 0, n, inverse: false, twiddles);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expectedRe[k], re[k], Tolerance(n));
            Assert.Equal(expectedIm[k], im[k], Tolerance(n));
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(256)]
    public void Transform_Inverse_MatchesNaiveInverseDft(int n)
    {
        // 32 and 256 end on a lone radix-2 stage after the fused pairs; the inverse flips every twiddle's sign.
        var random = new Random(n + 1);
        float[] re = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] im = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        (double[] conjRe, double[] conjIm) = NaiveDft(re, im.Select(v => -v).ToArray());

        Fft.Transform(re, im, 0, n, inverse: true, Fft.Twiddles(n));

        // The unscaled inverse is the conjugate of the forward transform of the conjugate.
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(conjRe[k], re[k], Tolerance(n));
            Assert.Equal(-conjIm[k], im[k], Tolerance(n));
        }
    }

    [Fact]
    public void Transform_ForwardThenInverse_ReturnsInputTimesLength()
    {
        const int n = 32;
        var random = new Random(1);
        float[] original = Enumerable.Range(0, 2 * n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] re = original[..n], im = original[n..];
        var twiddles = Fft.Twiddles(n);

        Fft.Transform(re, im, 0, n, inverse: false, twiddles);
        Fft.Transform(re, im, 0, n, inverse: true, twiddles);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(original[k], re[k] / n, Tolerance(n));
            Assert.Equal(original[n + k], im[k] / n, Tolerance(n));
        }
    }

    [Fact]
    public void Twiddles_LengthNotPowerOfTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fft.Twiddles(12));
    }

    /// <summary>
    /// Single precision: each of log₂ n stages rounds to about 6·10⁻⁸ of values that grow to √n
    /// times the inputs' size, so the error bound grows like √n; a wrong twiddle or index is off by O(1).
    /// </summary>
    private static double Tolerance(int n) => 2e-6 * Math.Sqrt(Math.Max(n, 2)) * Math.Log2(Math.Max(n, 2));

    private static (double[] Re, double[] Im) NaiveDft(float[] re, float[] im)
    {
        int n = re.Length;
        var outRe = new double[n];
        var outIm = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                double angle = -2 * Math.PI * k * t / n;
                outRe[k] += (re[t] * Math.Cos(angle)) - (im[t] * Math.Sin(angle));
                outIm[k] += (re[t] * Math.Sin(angle)) + (im[t] * Math.Cos(angle));
            }
        }

        return (outRe, outIm);
    }
}
