using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Tests.Geometry;

public sealed class DotKernelTests
{
    [Theory]
    [InlineData(9, 13, 37)]
    [InlineData(4, 2, 8)]
    [InlineData(3, 5, 5)]
    public void Tile_RaggedShapesWithStride_MatchesDoubleDots(int count, int rowCount, int d)
    {
        // Counts that are not multiples of 2 queries × 4 rows and widths not multiples of 8 reach every tail.
        Matrix queries = Synthetic.Gaussian(count, d, seed: 1);
        Matrix rows = Synthetic.Gaussian(rowCount, d, seed: 2);
        int stride = rowCount + 3;
        var output = new float[count * stride];

        DotKernel.Tile(queries.Data, count, rows.Data, rowCount, d, output, stride);

        for (int q = 0; q < count; q++)
        {
            for (int j = 0; j < rowCount; j++)
            {
                double expected = 0;
                for (int c = 0; c < d; c++)
                {
                    expected += (double)queries.Data[(q * d) + c] * rows.Data[(j * d) + c];
                }

                Assert.Equal(expected, output[(q * stride) + j], 1e-4);
            }

            Assert.Equal(0f, output[(q * stride) + rowCount]);
        }
    }

    /// <summary>
    /// Whichever path computes a product (the narrow panels, the 4 × 4 or 2 × 4 block, a tail, Dot, DotMany), it must
    /// give the same bits, or duplicate rows would not tie exactly and ties would not fall to the index.
    /// </summary>
    [Theory]
    [InlineData(37)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(784)]
    public void AllPaths_SameProduct_SameBits(int d)
    {
        Matrix rows = Synthetic.Gaussian(11, d, seed: 5);
        var output = new float[11 * 11];

        DotKernel.Tile(rows.Data, 11, rows.Data, 11, d, output, 11);

        int[] all = Enumerable.Range(0, 11).ToArray();
        var many = new float[11];
        for (int q = 0; q < 11; q++)
        {
            DotKernel.DotMany(rows.Data, d, q, all, many);
            for (int r = 0; r < 11; r++)
            {
                float single = DotKernel.Dot(rows.Data, d, q, r);
                Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(output[(q * 11) + r]));
                Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(many[r]));
                Assert.Equal(BitConverter.SingleToInt32Bits(single), BitConverter.SingleToInt32Bits(DotKernel.Dot(rows.Data, d, r, q)));
            }
        }
    }
}
