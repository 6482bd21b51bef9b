using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Alignment;

/// <summary>
/// A similarity transform of row vectors: p ↦ <see cref="Scale"/>·p·R + <see cref="Translation"/>,
/// with R the orthogonal <see cref="Rotation"/> (Dimensions × Dimensions, row-major; a reflection
/// when its determinant is −1).
/// </summary>
public sealed class ProcrustesTransform
{
    internal ProcrustesTransform(double[] rotation, double scale, double[] translation)
    {
        Rotation = rotation;
        Scale = scale;
        Translation = translation;
    }

    public int Dimensions => Translation.Length;

    public double[] Rotation { get; }

    public double Scale { get; }

    public double[] Translation { get; }

    /// <summary>Whether the orthogonal part mirrors (determinant −1) rather than purely rotates.</summary>
    public bool Reflects => Determinant(Rotation, Dimensions) < 0;

    /// <summary>Returns a transformed copy of <paramref name="points"/>.</summary>
    /// <exception cref="LayoutException">The points' width differs from the transform's.</exception>
    public Matrix Apply(Matrix points)
    {
        int d = Dimensions;
        if (points.Columns != d)
        {
            throw new LayoutException($"points have {points.Columns} columns but the transform is {d}-D.");
        }

        var result = new Matrix(points.Rows, d);
        for (int r = 0; r < points.Rows; r++)
        {
            ReadOnlySpan<float> p = points.Row(r);
            Span<float> target = result.Row(r);
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++)
                {
                    sum += p[i] * Rotation[(i * d) + j];
                }

                target[j] = (float)((Scale * sum) + Translation[j]);
            }
        }

        return result;
    }

    internal static double Determinant(double[] m, int d)
    {
        // Gaussian elimination with partial pivoting on a copy: fine for the tiny matrices here.
        double[] a = (double[])m.Clone();
        double det = 1;
        for (int c = 0; c < d; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < d; r++)
            {
                pivot = Math.Abs(a[(r * d) + c]) > Math.Abs(a[(pivot * d) + c]) ? r : pivot;
            }

            if (a[(pivot * d) + c] == 0)
            {
                return 0;
            }

            if (pivot != c)
            {
                det = -det;
                for (int k = 0; k < d; k++)
                {
                    (a[(c * d) + k], a[(pivot * d) + k]) = (a[(pivot * d) + k], a[(c * d) + k]);
                }
            }

            det *= a[(c * d) + c];
            for (int r = c + 1; r < d; r++)
            {
                double factor = a[(r * d) + c] / a[(c * d) + c];
                for (int k = c; k < d; k++)
                {
                    a[(r * d) + k] -= factor * a[(c * d) + k];
                }
            }
        }

        return det;
    }
}
