namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// One measured layout task: wall seconds, share of cores busy, peak working set of the process so
/// far, quality on the 5,000-point sample where it applies, and its checks against targets/peers.
/// </summary>
internal sealed record LayoutBenchRow(
    string Key,
    string Task,
    int Points,
    double Seconds,
    double CoresBusy,
    double PeakMib,
    double? Trustworthiness,
    double? KnnAccuracy,
    double? MeanDisplacementCells,
    string Note)
{
    public IReadOnlyList<LayoutBenchCheck> Checks { get; init; } = [];

    public static LayoutBenchRow Of(string key, string task, int points, Measurement m, string note = "") => new(
        key,
        task,
        points,
        Math.Round(m.Seconds, 3),
        Math.Round(m.CoreUtilisation, 2),
        Math.Round(m.PeakWorkingSetBytes / 1048576.0, 0),
        null,
        null,
        null,
        note);
}

/// <summary>
/// One comparison of our figure: against an absolute target (no reference), a peer measured in this
/// run (ratio = ours / peer), or a RESULTS.md figure for orientation only (no ratio, no verdict).
/// </summary>
internal sealed record LayoutBenchCheck(string What, double Ours, double? Reference, double? Ratio, string Target, bool? Met, string Source);
