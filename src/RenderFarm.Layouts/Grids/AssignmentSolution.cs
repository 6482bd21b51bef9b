namespace RenderFarm.Layouts.Grids;

/// <summary>The result of a linear assignment: the column of every row and the summed cost.</summary>
public sealed class AssignmentSolution
{
    public AssignmentSolution(int[] columnOfRow, double totalCost)
    {
        ColumnOfRow = columnOfRow;
        TotalCost = totalCost;
    }

    /// <summary>Row i is assigned column <c>ColumnOfRow[i]</c>; no two rows share a column.</summary>
    public int[] ColumnOfRow { get; }

    /// <summary>The sum of the chosen costs.</summary>
    public double TotalCost { get; }
}
