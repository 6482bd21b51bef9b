namespace RenderFarm.Layouts.Grids;

/// <summary>
/// A rectangular cost matrix (rows ≤ columns) handed to a solver one row at a time. Rows are
/// served on demand rather than stored because the dense matrix of a 10,000-point grid is
/// 800 MB of doubles, while recomputing a row of squared distances costs a few microseconds.
/// </summary>
public interface IAssignmentCostRows
{
    /// <summary>Number of rows (the things being assigned, e.g. points).</summary>
    int Rows { get; }

    /// <summary>Number of columns (the places they go, e.g. grid cells); at least <see cref="Rows"/>.</summary>
    int Columns { get; }

    /// <summary>
    /// Writes the finite costs of <paramref name="row"/> into <paramref name="destination"/>, which
    /// is exactly <see cref="Columns"/> long.
    /// </summary>
    void FillRow(int row, Span<double> destination);
}
