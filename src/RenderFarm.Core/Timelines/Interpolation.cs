namespace RenderFarm.Core.Timelines;

/// <summary>The per-item loops of a morph, kept apart from the bookkeeping so they stay tight.</summary>
internal static class Interpolation
{
    /// <summary>output = a·(1 − e) + b·e, element-wise: written so, e = 0 gives a and e = 1 gives b exactly.</summary>
    public static void Lerp(float[] a, float[] b, float e, float[] output)
    {
        float keep = 1 - e;
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = a[i] * keep + b[i] * e;
        }
    }

    /// <summary>Each item moves during its group's window: group r starts at r·delay and moves for the step's duration share.</summary>
    public static void Staggered(float[] a, float[] b, int dims, Segment segment, double t, float[] output)
    {
        int[] rank = segment.GroupRank!;
        for (int i = 0; i < rank.Length; i++)
        {
            double local = (t - rank[i] * segment.GroupDelay) / segment.GroupDuration;
            float e = (float)EasingCurves.Apply(segment.PositionEasing, local), keep = 1 - e;
            int start = i * dims;
            for (int d = 0; d < dims; d++)
            {
                output[start + d] = a[start + d] * keep + b[start + d] * e;
            }
        }
    }
}
