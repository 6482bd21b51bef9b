namespace RenderFarm.Layouts.Umap;

/// <summary>
/// umap's normalisation of an initial layout (N × dims, row-major): first scale so the largest
/// |coordinate| is 10 and add N(0, 0.0001²) noise (which separates coincident points, e.g.
/// duplicates that a spectral embedding maps to one spot), then stretch each axis to [0, 10] so
/// the learning rate means the same for any initialisation.
/// </summary>
internal static class CoordinateScaling
{
    private const double MaxCoordinate = 10.0;
    private const double Noise = 0.0001;

    public static float[] NoisyScale(double[] coordinates, ref FastRandom random)
    {
        double max = 0;
        foreach (double c in coordinates)
        {
            max = Math.Max(max, Math.Abs(c));
        }

        double expansion = max > 0 ? MaxCoordinate / max : 1.0;
        var result = new float[coordinates.Length];
        for (int i = 0; i < coordinates.Length; i++)
        {
            result[i] = (float)((coordinates[i] * expansion) + (Noise * random.NextGaussian()));
        }

        return result;
    }

    /// <summary>In place: each of the <paramref name="dims"/> axes mapped linearly onto [0, 10].</summary>
    public static void StretchToBox(float[] coordinates, int dims)
    {
        int n = coordinates.Length / dims;
        for (int d = 0; d < dims; d++)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                min = Math.Min(min, coordinates[(i * dims) + d]);
                max = Math.Max(max, coordinates[(i * dims) + d]);
            }

            // A flat axis (all equal, e.g. a single point) stays at 0 rather than dividing by zero.
            float scale = max > min ? (float)MaxCoordinate / (max - min) : 0f;
            for (int i = 0; i < n; i++)
            {
                coordinates[(i * dims) + d] = (coordinates[(i * dims) + d] - min) * scale;
            }
        }
    }

    /// <summary>umap's random initialisation: uniform in [−10, 10] on every axis (N × dims).</summary>
    public static double[] UniformBox(int n, int dims, ref FastRandom random)
    {
        var result = new double[n * dims];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (random.NextDouble() * 2 * MaxCoordinate) - MaxCoordinate;
        }

        return result;
    }
}
