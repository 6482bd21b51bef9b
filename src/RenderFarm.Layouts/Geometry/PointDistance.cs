using System.Numerics.Tensors;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Euclidean distance between two rows. Layout rows are 2-D or 3-D, where a vectorised call costs
/// more than the arithmetic; those widths take a scalar path, wider rows the SIMD one.
/// </summary>
internal static class PointDistance
{
    public static float Euclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => MathF.Sqrt(Squared(a, b));

    public static float Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        switch (a.Length)
        {
            case 2:
                {
                    float x = a[0] - b[0];
                    float y = a[1] - b[1];
                    return (x * x) + (y * y);
                }

            case 3:
                {
                    float x = a[0] - b[0];
                    float y = a[1] - b[1];
                    float z = a[2] - b[2];
                    return (x * x) + (y * y) + (z * z);
                }

            default:
                {
                    float distance = TensorPrimitives.Distance(a, b);
                    return distance * distance;
                }
        }
    }
}
