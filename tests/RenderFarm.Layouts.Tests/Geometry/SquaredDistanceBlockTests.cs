using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Tests.Geometry;

public sealed class SquaredDistanceBlockTests
{
    [Fact]
    public void Compute_RaggedShapes_MatchesDirectDistances()
    {
        // 7 queries, 101 rows and 45 columns: every tail of the 4 × 2 × 8 kernel is exercised.
        Matrix data = Synthetic.Gaussian(101, 45, seed: 1);
        float[] norms = SquaredDistanceBlock.Norms(data);
        int[] queries = [0, 5, 17, 50, 99, 100, 3];
        var block = new float[queries.Length * 45];
        for (int q = 0; q < queries.Length; q++)
        {
            data.Row(queries[q]).CopyTo(block.AsSpan(q * 45, 45));
        }

        var output = new float[queries.Length * 101];
        SquaredDistanceBlock.Compute(block, queries.Select(q => norms[q]).ToArray(), queries.Length, data, norms, output);

        for (int q = 0; q < queries.Length; q++)
        {
            for (int j = 0; j < 101; j++)
            {
                double expected = Math.Pow(Synthetic.Distance(data, queries[q], j), 2);
                Assert.Equal(expected, output[(q * 101) + j], 1e-3);
            }
        }
    }
}
