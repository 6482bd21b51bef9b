using RenderFarm.Core.IO;
using RenderFarm.Layouts.Alignment;

namespace RenderFarm.Layouts.Tests.Alignment;

public sealed class ProcrustesTests
{
    [Fact]
    public void Align_RotatedScaledShifted2D_RecoversTransformExactly()
    {
        Matrix moving = Synthetic.Gaussian(50, 2, seed: 1);
        double angle = 0.7;
        double[] rotation = [Math.Cos(angle), Math.Sin(angle), -Math.Sin(angle), Math.Cos(angle)];
        Matrix reference = Transform(moving, rotation, 2.5, [3, -4]);

        ProcrustesResult result = Procrustes.Align(reference, moving);

        Assert.Equal(2.5, result.Transform.Scale, 1e-5);
        Assert.Equal([3, -4], result.Transform.Translation.Select(t => Math.Round(t, 4)));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(rotation[i], result.Transform.Rotation[i], 1e-5);
        }

        Assert.False(result.Transform.Reflects);
        Assert.True(result.RmsError < 1e-4, $"RMS {result.RmsError}");
    }

    [Fact]
    public void Align_Mirrored3D_RecoversReflection()
    {
        Matrix moving = Synthetic.Gaussian(80, 3, seed: 2);
        double[][] basis = Synthetic.Orthonormal(3, 3, seed: 3);
        double[] orthogonal = basis.SelectMany(row => row).ToArray();
        if (ProcrustesTransform.Determinant(orthogonal, 3) > 0)
        {
            for (int j = 0; j < 3; j++)
            {
                orthogonal[j] = -orthogonal[j];
            }
        }

        Matrix reference = Transform(moving, orthogonal, 0.5, [1, 2, 3]);

        ProcrustesResult result = Procrustes.Align(reference, moving);

        Assert.True(result.Transform.Reflects);
        Assert.Equal(0.5, result.Transform.Scale, 1e-5);
        Assert.True(result.RmsError < 1e-4, $"RMS {result.RmsError}");
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(orthogonal[i], result.Transform.Rotation[i], 1e-4);
        }
    }

    [Fact]
    public void Align_MirroredWithReflectionDisallowed_ReturnsProperRotationWithLargerError()
    {
        Matrix moving = Synthetic.Gaussian(60, 2, seed: 4);
        Matrix reference = Transform(moving, [1, 0, 0, -1], 1, [0, 0]);

        ProcrustesResult rotationOnly = Procrustes.Align(reference, moving, allowReflection: false);
        ProcrustesResult free = Procrustes.Align(reference, moving);

        Assert.False(rotationOnly.Transform.Reflects);
        Assert.True(rotationOnly.RmsError > 0.1);
        Assert.True(free.RmsError < 1e-5);
    }

    [Fact]
    public void Align_NoisyCopy_ErrorMatchesNoiseLevel()
    {
        Matrix moving = Synthetic.Gaussian(2000, 2, seed: 5, scale: 10);
        Matrix reference = Transform(moving, [0, 1, -1, 0], 1, [5, 5]);
        Matrix noise = Synthetic.Gaussian(2000, 2, seed: 6, scale: 0.1);
        for (int i = 0; i < reference.Data.Length; i++)
        {
            reference.Data[i] += noise.Data[i];
        }

        ProcrustesResult result = Procrustes.Align(reference, moving);

        // Two-dimensional noise of σ = 0.1 per axis has an RMS length of 0.1·√2.
        Assert.InRange(result.RmsError, 0.13, 0.15);
    }

    [Fact]
    public void Align_CollinearLayout_StillAlignsTheLine()
    {
        var moving = new Matrix(4, 2, [0, 0, 1, 0, 2, 0, 3, 0]);
        var reference = new Matrix(4, 2, [0, 0, 0, 2, 0, 4, 0, 6]);

        ProcrustesResult result = Procrustes.Align(reference, moving);

        Assert.True(result.RmsError < 1e-5);
        Assert.Equal(2, result.Transform.Scale, 1e-6);
    }

    [Fact]
    public void Align_DifferentShapes_ThrowsNamingMoving()
    {
        var exception = Assert.Throws<LayoutException>(() => Procrustes.Align(Synthetic.Gaussian(5, 2, 1), Synthetic.Gaussian(6, 2, 1)));

        Assert.Contains("moving", exception.Message);
    }

    [Fact]
    public void Align_SinglePlaceMoving_ThrowsNamingMoving()
    {
        var exception = Assert.Throws<LayoutException>(() => Procrustes.Align(Synthetic.Gaussian(3, 2, 1), new Matrix(3, 2)));

        Assert.Contains("moving", exception.Message);
    }

    private static Matrix Transform(Matrix points, double[] rotation, double scale, double[] translation)
    {
        int d = points.Columns;
        var result = new Matrix(points.Rows, d);
        for (int r = 0; r < points.Rows; r++)
        {
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++)
                {
                    sum += points.Data[(r * d) + i] * rotation[(i * d) + j];
                }

                result.Data[(r * d) + j] = (float)((scale * sum) + translation[j]);
            }
        }

        return result;
    }
}
