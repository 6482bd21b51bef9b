using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

/// <summary>The vectorised 2-D attraction and optimiser step against their definitions written out one value at a time.</summary>
public sealed class GradientStepTests
{
    [Fact]
    public void Attraction2D_RowsOfEveryLength_MatchTheDefinition()
    {
        const int n = 60;
        var random = new Random(3);

        // Row i has i % 22 entries: empty rows, rows shorter than a vector, and every tail length after eight-wide and four-wide steps.
        var rowStart = new int[n + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < n; i++)
        {
            foreach (int j in Enumerable.Range(0, n).Where(j => j != i).OrderBy(_ => random.Next()).Take(i % 22).Order())
            {
                columns.Add(j);
                values.Add(random.NextDouble() / n);
            }

            rowStart[i + 1] = columns.Count;
        }

        var p = new SparseAffinities(n, n, rowStart, [.. columns], [.. values]);
        double[] y = Enumerable.Range(0, 2 * n).Select(_ => (random.NextDouble() - 0.5) * 20).ToArray();
        double[] repulsion = Enumerable.Range(0, 2 * n).Select(_ => random.NextDouble()).ToArray();
        const double z = 3.5, exaggeration = 12;
        var gradient = new double[2 * n];

        Attraction2D.Gradient(p, y, repulsion, z, exaggeration, gradient);

        for (int i = 0; i < n; i++)
        {
            double ax = 0, ay = 0;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                double dx = y[2 * i] - y[2 * columns[e]], dy = y[(2 * i) + 1] - y[(2 * columns[e]) + 1];
                double w = 1 / (1 + (dx * dx) + (dy * dy));
                ax += values[e] * w * dx;
                ay += values[e] * w * dy;
            }

            Assert.Equal((exaggeration * ax) - (repulsion[2 * i] / z), gradient[2 * i], 1e-12);
            Assert.Equal((exaggeration * ay) - (repulsion[(2 * i) + 1] / z), gradient[(2 * i) + 1], 1e-12);
        }
    }

    /// <summary>The step's vector lanes and its scalar tail must give the same bits as the rule applied one coordinate at a time.</summary>
    [Fact]
    public void Step_VectorsAndTail_SameBitsAsOneAtATime()
    {
        const int length = 23;
        var random = new Random(8);

        // Signs drawn from {−, 0, +} for both arrays, so every case of the sign comparison occurs.
        double Signed() => (random.Next(3) - 1) * random.NextDouble();
        double[] y = Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();
        double[] gradient = Enumerable.Range(0, length).Select(_ => Signed()).ToArray();
        double[] update = Enumerable.Range(0, length).Select(_ => Signed()).ToArray();
        double[] gains = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2).ToArray();
        gains[0] = 0.005;
        var phase = new TsnePhase(1, 1, 0.8, 833.3);
        double[] expectedY = (double[])y.Clone(), expectedUpdate = (double[])update.Clone(), expectedGains = (double[])gains.Clone();
        for (int c = 0; c < length; c++)
        {
            bool reversed = Math.Sign(gradient[c]) == Math.Sign(expectedUpdate[c]);
            expectedGains[c] = Math.Max(TsneOptimizer.MinGain, reversed ? expectedGains[c] * 0.8 : expectedGains[c] + 0.2);
            expectedUpdate[c] = (phase.Momentum * expectedUpdate[c]) - (phase.LearningRate * expectedGains[c] * gradient[c]);
            expectedY[c] += expectedUpdate[c];
        }

        TsneOptimizer.Step(y, gradient, update, gains, phase);

        Assert.Equal(expectedGains, gains);
        Assert.Equal(expectedUpdate, update);
        Assert.Equal(expectedY, y);
    }
}
