using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Gradient descent with momentum and delta-bar-delta gains (Jacobs 1988, as in every t-SNE
/// since van der Maaten's): a parameter's gain grows by 0.2 while its gradient keeps pushing the
/// way it is already moving and shrinks by 0.8 when it reverses, never below
/// <see cref="MinGain"/>. Each phase starts with fresh gains and no momentum, as openTSNE's
/// separate optimisation calls do.
/// </summary>
internal sealed class TsneOptimizer(TsneObjective objective, int dims)
{
    public const double MinGain = 0.01;

    /// <summary>The callback gets the KL divergence every this many iterations (openTSNE's default interval), null between.</summary>
    public const int KlInterval = 50;

    /// <summary>Runs the phases on y in place; returns false when the callback or cancellation stopped it.</summary>
    public bool Run(double[] y, IReadOnlyList<TsnePhase> phases, TsneIterationCallback? callback, CancellationToken ct)
    {
        var gradient = new double[y.Length];
        var update = new double[y.Length];
        var gains = new double[y.Length];
        var snapshot = new float[y.Length];
        int iteration = 0;
        foreach (TsnePhase phase in phases)
        {
            Array.Fill(gains, 1.0);
            Array.Clear(update);
            for (int step = 0; step < phase.Iterations; step++)
            {
                ct.ThrowIfCancellationRequested();
                bool withKl = callback is not null && (iteration + 1) % KlInterval == 0;
                double? kl = objective.Gradient(y, phase.Exaggeration, gradient, withKl);
                if (phase.MaxGradientNorm is double limit)
                {
                    Clip(gradient, limit);
                }

                Step(y, gradient, update, gains, phase);
                if (!objective.Partial)
                {
                    Recentre(y);
                }

                iteration++;
                if (callback is not null)
                {
                    for (int c = 0; c < y.Length; c++)
                    {
                        snapshot[c] = (float)y[c];
                    }

                    if (!callback(iteration, snapshot, kl))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(double[] y, double[] gradient, double[] update, double[] gains, TsnePhase phase)
    {
        for (int c = 0; c < y.Length; c++)
        {
            // Descending means update ∝ −gradient: same signs mean the gradient has reversed.
            bool reversed = Math.Sign(gradient[c]) == Math.Sign(update[c]);
            gains[c] = Math.Max(MinGain, reversed ? gains[c] * 0.8 : gains[c] + 0.2);
            update[c] = (phase.Momentum * update[c]) - (phase.LearningRate * gains[c] * gradient[c]);
            y[c] += update[c];
        }
    }

    /// <summary>Scales each point's gradient down to at most <paramref name="limit"/> in length.</summary>
    private void Clip(double[] gradient, double limit)
    {
        for (int i = 0; i < gradient.Length; i += dims)
        {
            double norm = 0;
            for (int d = 0; d < dims; d++)
            {
                norm += gradient[i + d] * gradient[i + d];
            }

            norm = Math.Sqrt(norm);
            if (norm > limit)
            {
                for (int d = 0; d < dims; d++)
                {
                    gradient[i + d] *= limit / norm;
                }
            }
        }
    }

    /// <summary>Keeps the layout centred: the objective ignores translation, so it would otherwise drift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Recentre(double[] y)
    {
        int n = y.Length / dims;
        for (int d = 0; d < dims; d++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += y[(i * dims) + d];
            }

            mean /= n;
            for (int i = 0; i < n; i++)
            {
                y[(i * dims) + d] -= mean;
            }
        }
    }
}
