using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class ColumnTransformTests
{
    /// <summary>
    /// Every strip length the butterflies take apart differently: an even and an odd number of
    /// radix-2 stages, with and without the radix-3 step, with padding rows read as zero, rows
    /// left unwritten and columns outside the transformed strips left alone.
    /// </summary>
    [Theory]
    [InlineData(16, 0, 16, 16, 16, false)]
    [InlineData(32, 16, 17, 32, 20, false)]
    [InlineData(48, 0, 48, 30, 48, true)]
    [InlineData(64, 16, 33, 64, 31, true)]
    [InlineData(96, 5, 50, 49, 96, false)]
    [InlineData(192, 16, 97, 96, 95, true)]
    [InlineData(256, 16, 16, 256, 256, false)]
    [InlineData(384, 16, 20, 200, 384, true)]
    [InlineData(512, 16, 16, 512, 300, false)]
    public void Pass_TransformsEachColumn_AsANaiveDftOfItsRowsIn(int size, int padding, int columns, int rowsIn, int rowsOut, bool inverse)
    {
        var random = new Random(size + columns);
        int pitch = size + padding;
        float[] re = Enumerable.Range(0, size * pitch).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] im = Enumerable.Range(0, size * pitch).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] before = [.. re];
        float[] imaginaryBefore = [.. im];
        int transformed = (columns + ColumnTransform.Strip - 1) / ColumnTransform.Strip * ColumnTransform.Strip;

        new ColumnTransform(new FftPlan(size), pitch).Pass(re, im, columns, rowsIn, rowsOut, inverse);

        for (int column = 0; column < pitch; column++)
        {
            if (column >= transformed)
            {
                Assert.All(Enumerable.Range(0, size), row => Assert.Equal(before[(row * pitch) + column], re[(row * pitch) + column]));
                continue;
            }

            float[] columnRe = Enumerable.Range(0, size).Select(row => row < rowsIn ? before[(row * pitch) + column] : 0f).ToArray();
            float[] columnIm = Enumerable.Range(0, size).Select(row => row < rowsIn ? imaginaryBefore[(row * pitch) + column] : 0f).ToArray();
            (double[] expectedRe, double[] expectedIm) = FftPlanTests.NaiveDft(columnRe, columnIm, inverse);
            for (int row = 0; row < size; row++)
            {
                int at = (row * pitch) + column;
                if (row >= rowsOut)
                {
                    Assert.Equal(before[at], re[at]);
                    Assert.Equal(imaginaryBefore[at], im[at]);
                    continue;
                }

                Assert.Equal(expectedRe[row], re[at], FftPlanTests.Tolerance(size));
                Assert.Equal(expectedIm[row], im[at], FftPlanTests.Tolerance(size));
            }
        }
    }

    [Fact]
    public void Pass_GridOfPartialStrips_Throws()
    {
        var plan = new FftPlan(12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColumnTransform(plan, 12).Pass(new float[144], new float[144], 12, 12, 12, inverse: false));
    }
}
