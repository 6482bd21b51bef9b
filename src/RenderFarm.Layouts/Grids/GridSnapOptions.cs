namespace RenderFarm.Layouts.Grids;

/// <summary>Settings for <see cref="GridSnapper.Snap"/>; the defaults suit posters of up to ~100k items.</summary>
public sealed record GridSnapOptions
{
    /// <summary>Grid width in cells; chosen from the layout's aspect ratio when null.</summary>
    public int? Columns { get; init; }

    /// <summary>Grid height in cells; chosen from the layout's aspect ratio when null.</summary>
    public int? Rows { get; init; }

    public GridSnapMethod Method { get; init; } = GridSnapMethod.Auto;

    /// <summary>The largest point count that <see cref="GridSnapMethod.Auto"/> solves exactly.</summary>
    public int ExactLimit { get; init; } = 10_000;

    /// <summary>Cells per square tile in the scalable method: larger tiles are closer to exact but slower.</summary>
    public int TileCells { get; init; } = 2_048;

    /// <summary>Tile passes in the scalable method after the initial deal; it stops early once a pass gains under 0.1 %.</summary>
    public int RefinementPasses { get; init; } = 8;
}
