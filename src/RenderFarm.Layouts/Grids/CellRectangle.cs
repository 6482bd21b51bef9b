namespace RenderFarm.Layouts.Grids;

/// <summary>A rectangle of grid cells, and the map between its local row-major cell indices and the grid's.</summary>
internal readonly record struct CellRectangle(int Column, int Row, int Width, int Height)
{
    public int ToGlobal(int local, int gridColumns) =>
        (Row + local / Width) * gridColumns + Column + local % Width;

    public IEnumerable<int> GlobalCells(int gridColumns)
    {
        for (var local = 0; local < Width * Height; local++)
        {
            yield return ToGlobal(local, gridColumns);
        }
    }
}
