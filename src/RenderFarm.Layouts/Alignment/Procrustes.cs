using RenderFarm.Core.IO;
using RenderFarm.Layouts.LinearAlgebra;

namespace RenderFarm.Layouts.Alignment;

/// <summary>
/// Orthogonal Procrustes with scaling: the rotation (or reflection), uniform scale and translation
/// that bring one layout onto another of the same points with the least squared error, so two
/// layouts of one dataset (two seeds, two methods, frames of a video) can be compared or blended
/// without arbitrary spins and mirrors.
/// </summary>
public static class Procrustes
{
    /// <summary>
    /// Aligns <paramref name="moving"/> onto <paramref name="reference"/> (same rows in the same
    /// order, same width, usually 2 or 3). With <paramref name="allowReflection"/> the orthogonal
    /// part is the best of all rotations and mirror images; without it, the best proper rotation.
    /// </summary>
    /// <exception cref="LayoutException">Shapes differ, or the moving layout is a single point (no scale can be fitted).</exception>
    public static ProcrustesResult Align(Matrix reference, Matrix moving, bool allowReflection = true)
    {
        Validate(reference, moving);
        int n = reference.Rows;
        int d = reference.Columns;
        double[] referenceMean = Mean(reference);
        double[] movingMean = Mean(moving);

        // M = B₀ᵀA₀ (centred): the optimum orthogonal R maximises trace(RᵀM), reached at R = UVᵀ
        // for M = UΣVᵀ, and the optimum scale is then trace(Σ)/‖B₀‖².
        var cross = new double[d * d];
        double movingSquares = 0;
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < d; i++)
            {
                double b = moving.Data[(r * d) + i] - movingMean[i];
                movingSquares += b * b;
                for (int j = 0; j < d; j++)
                {
                    cross[(i * d) + j] += b * (reference.Data[(r * d) + j] - referenceMean[j]);
                }
            }
        }

        if (movingSquares <= 0)
        {
            throw new LayoutException("moving has all its points in one place: no rotation or scale can be fitted.");
        }

        (double[] u, double[] sigma, double[] v) = SmallSvd.Decompose(cross, d);
        if (!allowReflection && ProcrustesTransform.Determinant(Product(u, v, d), d) < 0)
        {
            // The best proper rotation gives up the weakest direction: flip its left vector.
            for (int k = 0; k < d; k++)
            {
                u[(k * d) + d - 1] = -u[(k * d) + d - 1];
            }

            sigma[d - 1] = -sigma[d - 1];
        }

        double[] rotation = Product(u, v, d);
        double scale = sigma.Sum() / movingSquares;
        var translation = new double[d];
        for (int j = 0; j < d; j++)
        {
            double moved = 0;
            for (int i = 0; i < d; i++)
            {
                moved += movingMean[i] * rotation[(i * d) + j];
            }

            translation[j] = referenceMean[j] - (scale * moved);
        }

        var transform = new ProcrustesTransform(rotation, scale, translation);
        Matrix aligned = transform.Apply(moving);
        return new ProcrustesResult(transform, aligned, Rms(reference, aligned));
    }

    private static void Validate(Matrix reference, Matrix moving)
    {
        if (reference.Rows == 0 || reference.Columns == 0)
        {
            throw new LayoutException("reference is empty.");
        }

        if (moving.Rows != reference.Rows || moving.Columns != reference.Columns)
        {
            throw new LayoutException($"moving is {moving.Rows}×{moving.Columns} but reference is {reference.Rows}×{reference.Columns}: they must be the same points.");
        }
    }

    private static double[] Mean(Matrix points)
    {
        var mean = new double[points.Columns];
        for (int r = 0; r < points.Rows; r++)
        {
            for (int c = 0; c < points.Columns; c++)
            {
                mean[c] += points.Data[(r * points.Columns) + c];
            }
        }

        return mean.Select(s => s / points.Rows).ToArray();
    }

    /// <summary>U·Vᵀ, with U and V given column-wise as row-major d × d arrays.</summary>
    private static double[] Product(double[] u, double[] v, int d)
    {
        var result = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                for (int k = 0; k < d; k++)
                {
                    result[(i * d) + j] += u[(i * d) + k] * v[(j * d) + k];
                }
            }
        }

        return result;
    }

    private static double Rms(Matrix a, Matrix b)
    {
        double sum = 0;
        for (int i = 0; i < a.Data.Length; i++)
        {
            double diff = (double)a.Data[i] - b.Data[i];
            sum += diff * diff;
        }

        return Math.Sqrt(sum / a.Rows);
    }
}
