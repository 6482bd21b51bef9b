namespace RenderFarm.Layouts.Grids;

/// <summary>
/// Points snapped to a <see cref="Columns"/> × <see cref="Rows"/> grid, one point per cell at most.
/// Displacements are in cell units (the cell pitch), measured from a point's position scaled into
/// the grid to its cell's centre.
/// </summary>
public sealed class GridAssignment
{
    public GridAssignment(int columns, int rows, int[] cellOfPoint, double meanDisplacementCells, double maxDisplacementCells, double totalSquaredDisplacement)
    {
        Columns = columns;
        Rows = rows;
        CellOfPoint = cellOfPoint;
        MeanDisplacementCells = meanDisplacementCells;
        MaxDisplacementCells = maxDisplacementCells;
        TotalSquaredDisplacement = totalSquaredDisplacement;
    }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>Point i sits in cell <c>CellOfPoint[i]</c> = row × <see cref="Columns"/> + column (row 0 at minimum y).</summary>
    public int[] CellOfPoint { get; }

    public double MeanDisplacementCells { get; }

    public double MaxDisplacementCells { get; }

    /// <summary>The objective the exact method minimises: summed squared displacement, in cells².</summary>
    public double TotalSquaredDisplacement { get; }

    /// <summary>
    /// This assignment's mean displacement over <paramref name="reference"/>'s (typically the exact
    /// one for the same points and grid): 1.0 is as good, 1.1 is 10 % worse.
    /// </summary>
    public double MeanDisplacementRatioTo(GridAssignment reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.MeanDisplacementCells == 0
            ? (MeanDisplacementCells == 0 ? 1 : double.PositiveInfinity)
            : MeanDisplacementCells / reference.MeanDisplacementCells;
    }
}
