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
        double[] re = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] im = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        (double[] expectedRe, double[] expectedIm) = NaiveDft(re, im);
        var twiddles = Fft.Twiddles(n);

        Fft.Transform(re, im, 0, n, inverse: false, twiddles);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expectedRe[k], re[k], 1e-10);
            Assert.Equal(expectedIm[k], im[k], 1e-10);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(256)]
    public void Transform_Inverse_MatchesNaiveInverseDft(int n)
    {
        // 32 and 256 end on a lone radix-2 stage after the fused pairs; the inverse flips every twiddle's sign.
        var random = new Random(n + 1);
        double[] re = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] im = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        (double[] conjRe, double[] conjIm) = NaiveDft(re, im.Select(v => -v).ToArray());

        Fft.Transform(re, im, 0, n, inverse: true, Fft.Twiddles(n));

        // The unscaled inverse is the conjugate of the forward transform of the conjugate.
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(conjRe[k], re[k], 1e-10);
            Assert.Equal(-conjIm[k], im[k], 1e-10);
        }
    }

    [Fact]
    public void Transform_ForwardThenInverse_ReturnsInputTimesLength()
    {
        const int n = 32;
        var random = new Random(1);
        double[] original = Enumerable.Range(0, 2 * n).Select(_ => random.NextDouble()).ToArray();
        double[] re = original[..n], im = original[n..];
        var twiddles = Fft.Twiddles(n);

        Fft.Transform(re, im, 0, n, inverse: false, twiddles);
        Fft.Transform(re, im, 0, n, inverse: true, twiddles);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(original[k], re[k] / n, 1e-12);
            Assert.Equal(original[n + k], im[k] / n, 1e-12);
        }
    }

    [Fact]
    public void Twiddles_LengthNotPowerOfTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fft.Twiddles(12));
    }

    private static (double[] Re, double[] Im) NaiveDft(double[] re, double[] im)
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
