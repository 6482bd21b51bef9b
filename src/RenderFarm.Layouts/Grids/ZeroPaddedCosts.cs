namespace RenderFarm.Layouts.Grids;

/// <summary>
/// A rectangular problem made square with zero-cost dummy rows. Square problems accept any starting
/// prices, whereas a rectangular one is only optimal if the columns left empty end at the lowest
/// price; padding lets a warm start use arbitrary estimated prices. Dummy rows soak up the columns
/// that stay empty, at no cost.
/// </summary>
internal sealed class ZeroPaddedCosts : IAssignmentCostRows
{
    private readonly IAssignmentCostRows _inner;

    public ZeroPaddedCosts(IAssignmentCostRows inner)
    {
        _inner = inner;
    }

    public int Rows => _inner.Columns;

    public int Columns => _inner.Columns;

    public void FillRow(int row, Span<double> destination)
    {
        if (row < _inner.Rows)
        {
            _inner.FillRow(row, destination);
        }
        else
        {
            destination.Clear();
        }
    }
}
