namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// The t-SNE targets: at 10k at most 0.1× scikit-learn's Barnes-Hut fit measured in the
/// same run, trustworthiness no lower than scikit-learn's − 0.005; at 70k under 90 s and a peak
/// under 2 GiB. Rtsne is shown beside them without a verdict. As in <see cref="LayoutBenchChecks"/>,
/// a RESULTS.md figure gives orientation only: no ratio and no verdict.
/// </summary>
internal static class LayoutBenchTsneChecks
{
    private const string ThisRun = "this run";
    private const string FromResults = "from RESULTS.md, not this run";
    private const int Small = 10_000;
    private const int Full = 70_000;
    private const double TwoGibMib = 2048;
    private const double SpeedTarget = 0.1;
    private const double QualitySlack = 0.005;

    /// <summary>Adds the t-SNE checks to the t-SNE rows; every other row is returned as it was.</summary>
    public static IReadOnlyList<LayoutBenchRow> Attach(IReadOnlyList<LayoutBenchRow> rows, LayoutPeerFigures peers) =>
        rows.Select(row => row.Key == $"tsne-{row.Points}" ? row with { Checks = [.. row.Checks, .. For(row, peers)] } : row).ToArray();

    private static IEnumerable<LayoutBenchCheck> For(LayoutBenchRow row, LayoutPeerFigures peers)
    {
        int n = row.Points;
        if (peers.SklearnTsne.TryGetValue(n, out UmapPeer? sklearn))
        {
            yield return Versus("k-NN + P + fit vs scikit-learn TSNE fit (s)", row.Seconds, sklearn.FitCold, sklearn.FromResultsFile, n == Small ? SpeedTarget : null);
            yield return Versus("peak MiB vs scikit-learn peak RSS", row.PeakMib, sklearn.PeakMib, sklearn.FromResultsFile, null);
            (double? trust, double? ourAccuracy, string scorer) = LayoutBenchChecks.Quality(row, peers);
            if (trust is double mine && sklearn.Trustworthiness is double theirs)
            {
                string target = $"≥ {theirs - QualitySlack:F4}";
                yield return sklearn.FromResultsFile
                    ? new LayoutBenchCheck($"T(15) vs scikit-learn − 0.005{scorer}", mine, theirs, null, target, null, FromResults)
                    : new LayoutBenchCheck($"T(15) vs scikit-learn − 0.005{scorer}", mine, theirs, null, target, mine >= theirs - QualitySlack, ThisRun);
            }

            if (ourAccuracy is double accuracy && sklearn.KnnAccuracy is double theirAccuracy)
            {
                yield return new LayoutBenchCheck($"10-NN accuracy vs scikit-learn{scorer}", accuracy, theirAccuracy, null, "", null, sklearn.FromResultsFile ? FromResults : ThisRun);
            }
        }

        if (peers.Rtsne.TryGetValue(n, out UmapPeer? rtsne))
        {
            yield return Versus("k-NN + P + fit vs Rtsne fit (s)", row.Seconds, rtsne.FitCold, rtsne.FromResultsFile, null);
        }

        if (n == Full)
        {
            yield return new LayoutBenchCheck("70k seconds", row.Seconds, null, null, "< 90", row.Seconds < 90, ThisRun);
            yield return new LayoutBenchCheck("peak working set < 2 GiB (MiB)", row.PeakMib, null, null, $"< {TwoGibMib:F0}", row.PeakMib < TwoGibMib, ThisRun);
        }
    }

    private static LayoutBenchCheck Versus(string what, double ours, double peer, bool fromResults, double? atMost)
    {
        string target = atMost is double limit ? $"≤ {limit}×" : "";
        if (fromResults)
        {
            return new LayoutBenchCheck(what, ours, peer, null, target, null, FromResults);
        }

        double ratio = Math.Round(ours / peer, 3);
        return new LayoutBenchCheck(what, ours, peer, ratio, target, atMost is double most ? ratio <= most : null, ThisRun);
    }
}
