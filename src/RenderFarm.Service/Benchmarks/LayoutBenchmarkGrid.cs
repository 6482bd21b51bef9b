using RenderFarm.Core.IO;
using RenderFarm.Layouts.Grids;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// Grid-snap rows: exact assignment of the first 4,096 and 10,000 points of our largest UMAP layout
/// (64×64, 100×100, as the peers' run_lap.py does with scipy), both methods on the 10,000 so the
/// scalable method's mean displacement can be set against exact, and scalable on every point.
/// Smaller runs use the largest square grid that fits.
/// </summary>
internal static class LayoutBenchmarkGrid
{
    public static IReadOnlyList<LayoutBenchRow> Run(Matrix data, int[] labels, float[] umap, TextWriter log)
    {
        int n = data.Rows;
        var rows = new List<LayoutBenchRow>();
        GridAssignment? exactTen = null;
        int tenSide = 0;
        // The 10,000 comes last: it is the one scalable is compared with.
        foreach (int side in new[] { 4_096, 10_000 }.Select(wanted => (int)Math.Sqrt(Math.Min(wanted, n))).Distinct())
        {
            (LayoutBenchRow row, GridAssignment grid) = Snap(data, labels, umap, side, GridSnapMethod.Exact, log);
            rows.Add(row);
            (exactTen, tenSide) = (grid, side);
        }

        (LayoutBenchRow scalableTen, GridAssignment scalableGrid) = Snap(data, labels, umap, tenSide, GridSnapMethod.Scalable, log);
        double ratio = scalableGrid.MeanDisplacementRatioTo(exactTen!);
        rows.Add(scalableTen with { Key = "grid-scalable-ten", Note = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mean displacement {ratio:F3}× exact on the same points") });

        log.WriteLine($"grid: scalable on all {n:N0} points...");
        GridAssignment? all = null;
        Measurement m = Measurement.Of(() => all = GridSnapper.Snap(umap, new GridSnapOptions { Method = GridSnapMethod.Scalable }));
        LayoutBenchRow full = LayoutBenchRow.Of("grid-scalable-all", $"grid snap scalable, {n:N0} → {all!.Columns}×{all.Rows}", n, m) with
        {
            MeanDisplacementCells = Math.Round(all.MeanDisplacementCells, 3),
        };
        rows.Add(LayoutBenchmark.WithQuality(full, data, Cells(all), labels));
        return rows;
    }

    private static (LayoutBenchRow Row, GridAssignment Grid) Snap(Matrix data, int[] labels, float[] umap, int side, GridSnapMethod method, TextWriter log)
    {
        int count = side * side;
        float[] xy = umap.AsSpan(0, 2 * count).ToArray();
        string name = method == GridSnapMethod.Exact ? "exact" : "scalable";
        log.WriteLine($"grid: {name} {side}×{side}...");
        GridAssignment? grid = null;
        var options = new GridSnapOptions { Columns = side, Rows = side, Method = method, ExactLimit = Math.Max(count, 10_000) };
        Measurement m = Measurement.Of(() => grid = GridSnapper.Snap(xy, options));
        LayoutBenchRow row = LayoutBenchRow.Of($"grid-{name}-{count}", $"grid snap {name}, first {count:N0} of UMAP → {side}×{side}", count, m) with
        {
            MeanDisplacementCells = Math.Round(grid!.MeanDisplacementCells, 3),
        };
        return (LayoutBenchmark.WithQuality(row, LayoutBenchmarkData.Head(data, count), Cells(grid), labels[..count]), grid);
    }

    /// <summary>Cell centres as coordinates, so the snapped grid is scored like any layout.</summary>
    private static Matrix Cells(GridAssignment grid)
    {
        var cells = new Matrix(grid.CellOfPoint.Length, 2);
        for (int i = 0; i < grid.CellOfPoint.Length; i++)
        {
            cells.Data[2 * i] = (grid.CellOfPoint[i] % grid.Columns) + 0.5f;
            cells.Data[(2 * i) + 1] = (grid.CellOfPoint[i] / grid.Columns) + 0.5f;
        }

        return cells;
    }
}
