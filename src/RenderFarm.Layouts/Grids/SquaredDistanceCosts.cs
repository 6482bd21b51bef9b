using System.Numerics;

namespace RenderFarm.Layouts.Grids;

/// <summary>
/// Costs between 2-D sources (rows) and 2-D targets (columns): the squared Euclidean distance,
/// computed on the fly. Memory stays linear in the problem size, and a row is a short SIMD loop.
/// </summary>
public sealed class SquaredDistanceCosts : IAssignmentCostRows
{
    private readonly double[] _sourceX;
    private readonly double[] _sourceY;
    private readonly double[] _targetX;
    private readonly double[] _targetY;

    public SquaredDistanceCosts(double[] sourceX, double[] sourceY, double[] targetX, double[] targetY)
    {
        if (sourceX.Length != sourceY.Length || targetX.Length != targetY.Length)
        {
            throw new ArgumentException("Each coordinate array needs a partner of the same length.");
        }

        RequireFinite(sourceX, nameof(sourceX));
        RequireFinite(sourceY, nameof(sourceY));
        RequireFinite(targetX, nameof(targetX));
        RequireFinite(targetY, nameof(targetY));
        _sourceX = sourceX;
        _sourceY = sourceY;
        _targetX = targetX;
        _targetY = targetY;
        PaddedTargetX = new double[AssignmentKernels.PaddedLength(targetX.Length)];
        PaddedTargetY = new double[PaddedTargetX.Length];
        targetX.CopyTo(PaddedTargetX, 0);
        targetY.CopyTo(PaddedTargetY, 0);
    }

    /// <summary>Target coordinates padded for the fused search kernel, which computes costs as it relaxes.</summary>
    internal double[] PaddedTargetX { get; }

    /// <inheritdoc cref="PaddedTargetX"/>
    internal double[] PaddedTargetY { get; }

    internal (double X, double Y) Source(int row) => (_sourceX[row], _sourceY[row]);

    /// <summary>One cost, computed exactly as <see cref="FillRow"/> computes it.</summary>
    internal double Cost(int row, int column)
    {
        var dx = _targetX[column] - _sourceX[row];
        var dy = _targetY[column] - _sourceY[row];
        return dx * dx + dy * dy;
    }

    public int Rows => _sourceX.Length;

    public int Columns => _targetX.Length;

    public void FillRow(int row, Span<double> destination)
    {
        var x = _sourceX[row];
        var y = _sourceY[row];
        var width = Vector<double>.Count;
        var vectorEnd = Columns - (Columns % width);
        var sx = new Vector<double>(x);
        var sy = new Vector<double>(y);
        var tx = _targetX.AsSpan();
        var ty = _targetY.AsSpan();
        var j = 0;
        for (; j < vectorEnd; j += width)
        {
            var dx = new Vector<double>(tx[j..]) - sx;
            var dy = new Vector<double>(ty[j..]) - sy;
            (dx * dx + dy * dy).CopyTo(destination[j..]);
        }

        for (; j < Columns; j++)
        {
            var dx = tx[j] - x;
            var dy = ty[j] - y;
            destination[j] = dx * dx + dy * dy;
        }
    }

    private static void RequireFinite(double[] values, string name)
    {
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                throw new ArgumentException($"Coordinate {k} is {values[k]}; coordinates must be finite.", name);
            }
        }
    }
}
