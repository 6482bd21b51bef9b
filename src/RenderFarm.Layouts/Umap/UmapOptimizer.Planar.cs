using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Umap;

/// <summary>
/// The 2-D epoch, which nearly every layout runs: the same schedule and the same draws from the
/// generator as the general loop, written over raw coordinates, with an edge's negative samples
/// taken as one batch of up to eight lanes. The per-sample MathF.Pow was most of an epoch's cost;
/// a batch needs one vector Log and Exp. All repulsions of a batch are measured from where the head
/// stood before the batch and then applied together — umap applies them one at a time, but each
/// moves the head by at most 4·α and the parallel (Hogwild) mode already reorders far more than that.
/// </summary>
internal sealed unsafe partial class UmapOptimizer
{
    private const int Lanes = 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBlockPlanar(int start, int end, int epoch, float alpha, ref FastRandom random)
    {
        float a = settings.A, b = settings.B;
        float attractScale = -2f * a * b, bMinus1 = b - 1f;
        float negativeRate = settings.NegativeSampleRate;
        bool moveOther = settings.MoveOther;
        float* sampleX = stackalloc float[Lanes];
        float* sampleY = stackalloc float[Lanes];
        fixed (float* current = Head, others = Tail)
        fixed (int* headOf = heads, tailOf = tails)
        fixed (float* nextSample = epochOfNextSample, perSample = epochsPerSample, nextNegative = epochOfNextNegative)
        {
            for (int e = start; e < end; e++)
            {
                if (nextSample[e] > epoch)
                {
                    continue;
                }

                float* point = current + (2 * headOf[e]);
                float* other = others + (2 * tailOf[e]);
                float dx = point[0] - other[0], dy = point[1] - other[1];
                float d2 = (dx * dx) + (dy * dy);
                if (d2 > 0)
                {
                    float powBMinus1 = MathF.Pow(d2, bMinus1);
                    float attract = attractScale * powBMinus1 / ((a * powBMinus1 * d2) + 1f);
                    float gx = Math.Clamp(attract * dx, -Clip, Clip) * alpha;
                    float gy = Math.Clamp(attract * dy, -Clip, Clip) * alpha;
                    point[0] += gx;
                    point[1] += gy;
                    if (moveOther)
                    {
                        other[0] -= gx;
                        other[1] -= gy;
                    }
                }

                nextSample[e] += perSample[e];
                float perNegative = perSample[e] / negativeRate;
                int negatives = (int)((epoch - nextNegative[e]) / perNegative);
                nextNegative[e] += negatives * perNegative;
                for (int done = 0; done < negatives; done += Lanes)
                {
                    int count = Math.Min(Lanes, negatives - done);
                    for (int lane = 0; lane < Lanes; lane++)
                    {
                        // Unused lanes sit on the head itself: distance 0, which is never a repulsion.
                        float* sampled = lane < count ? others + (2 * random.NextInt(TailCount)) : point;
                        sampleX[lane] = sampled[0];
                        sampleY[lane] = sampled[1];
                    }

                    RepelBatch(point, sampleX, sampleY, alpha);
                }
            }
        }
    }

    /// <summary>The summed, clipped repulsions of the head from eight sampled points (those at distance 0 count for nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RepelBatch(float* point, float* sampleX, float* sampleY, float alpha)
    {
        var dx = Vector256.Create(point[0]) - Vector256.Load(sampleX);
        var dy = Vector256.Create(point[1]) - Vector256.Load(sampleY);
        var d2 = (dx * dx) + (dy * dy);
        var powB = Vector256.Exp(Vector256.Log(d2) * settings.B);
        var repel = Vector256.Create(2f * settings.Gamma * settings.B) / ((Vector256.Create(0.001f) + d2) * ((powB * settings.A) + Vector256<float>.One));
        repel = Vector256.ConditionalSelect(Vector256.GreaterThan(d2, Vector256<float>.Zero), repel, Vector256<float>.Zero);
        var low = Vector256.Create(-Clip);
        var high = Vector256.Create(Clip);
        point[0] += Vector256.Sum(Vector256.Clamp(repel * dx, low, high)) * alpha;
        point[1] += Vector256.Sum(Vector256.Clamp(repel * dy, low, high)) * alpha;
    }
}
