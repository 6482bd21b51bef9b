using RenderFarm.Core.IO;
using RenderFarm.Service.Renders;

namespace RenderFarm.Service.Tests.Renders;

public sealed class VideoInputsTests
{
    [Fact]
    public void ScaleAndMove_GridScaledAndShifted_LandsOnTheReferenceWithoutRotating()
    {
        // A 3×2 grid in cell units, and the same points as another layout sees them: ×0.5, moved by (10, −4).
        float[] grid = [0.5f, 0.5f, 1.5f, 0.5f, 2.5f, 0.5f, 0.5f, 1.5f, 1.5f, 1.5f, 2.5f, 1.5f];
        float[] reference = grid.Select((v, i) => v * 0.5f + (i % 2 == 0 ? 10 : -4)).ToArray();

        Matrix aligned = VideoInputs.ScaleAndMove(new Matrix(6, 2, reference), new Matrix(6, 2, grid));

        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i], aligned.Data[i], 4);
        }
    }

    [Fact]
    public void ScaleAndMove_ReferenceMirrored_KeepsTheGridsOrientation()
    {
        float[] grid = [0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1];
        float[] mirrored = grid.Select((v, i) => i % 2 == 0 ? -v : v).ToArray();

        Matrix aligned = VideoInputs.ScaleAndMove(new Matrix(6, 2, mirrored), new Matrix(6, 2, grid));

        // Left stays left: a mirror would need a negative scale, which a grid never gets.
        Assert.True(aligned.Data[0] < aligned.Data[4]);
    }
}
