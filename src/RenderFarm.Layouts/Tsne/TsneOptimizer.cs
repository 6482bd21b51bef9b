using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    internal static void Step(double[] y, double[] gradient, double[] update, double[] gains, TsnePhase phase)
    {
        int c = Vector256.IsHardwareAccelerated ? StepVectors(y, gradient, update, gains, phase) : 0;
        for (; c < y.Length; c++)
        {
            // Descending means update ∝ −gradient: same signs mean the gradient has reversed.
            bool reversed = Math.Sign(gradient[c]) == Math.Sign(update[c]);
            gains[c] = Math.Max(MinGain, reversed ? gains[c] * 0.8 : gains[c] + 0.2);
            update[c] = (phase.Momentum * update[c]) - (phase.LearningRate * gains[c] * gradient[c]);
            y[c] += update[c];
        }
    }

    /// <summary>
    /// <see cref="Step"/> four coordinates at a time, the same arithmetic in the same order (so the
    /// same bits); returns where the scalar tail starts. The scalar loop's sign test is a branch
    /// that goes either way at random, and mispredicting it cost 12 ns a coordinate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepVectors(double[] y, double[] gradient, double[] update, double[] gains, TsnePhase phase)
    {
        int length = y.Length;
        if (gradient.Length < length || update.Length < length || gains.Length < length)
        {
            throw new ArgumentException($"Optimiser arrays are shorter than the {length} coordinates.", nameof(gradient));
        }

        ref double yr = ref MemoryMarshal.GetArrayDataReference(y);
        ref double gr = ref MemoryMarshal.GetArrayDataReference(gradient);
        ref double ur = ref MemoryMarshal.GetArrayDataReference(update);
        ref double kr = ref MemoryMarshal.GetArrayDataReference(gains);
        var zero = Vector256<double>.Zero;
        var minGain = Vector256.Create(MinGain);
        var shrink = Vector256.Create(0.8);
        var grow = Vector256.Create(0.2);
        var momentum = Vector256.Create(phase.Momentum);
        var rate = Vector256.Create(phase.LearningRate);
        int c = 0;
        for (; c + Vector256<double>.Count <= length; c += Vector256<double>.Count)
        {
            nuint at = (nuint)c;
            var g = Vector256.LoadUnsafe(ref gr, at);
            var u = Vector256.LoadUnsafe(ref ur, at);
            var gain = Vector256.LoadUnsafe(ref kr, at);

            // Math.Sign equal: both positive, both negative or both zero.
            var reversed = (Vector256.GreaterThan(g, zero) & Vector256.GreaterThan(u, zero))
                | (Vector256.LessThan(g, zero) & Vector256.LessThan(u, zero))
                | (Vector256.Equals(g, zero) & Vector256.Equals(u, zero));
            gain = Vector256.Max(minGain, Vector256.ConditionalSelect(reversed, gain * shrink, gain + grow));
            u = (momentum * u) - (rate * gain * g);
            gain.StoreUnsafe(ref kr, at);
            u.StoreUnsafe(ref ur, at);
            (Vector256.LoadUnsafe(ref yr, at) + u).StoreUnsafe(ref yr, at);
        }

        return c;
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
