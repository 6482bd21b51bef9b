using System.Globalization;
using RenderFarm.Core;

namespace RenderFarm.Service.Benchmarks;

/// <summary>What <c>renderfarm bench layouts</c> measures: sizes, which parts, and where the peers are.</summary>
internal sealed record LayoutBenchmarkOptions
{
    public static readonly IReadOnlyList<string> Parts = ["umap", "grid", "pca", "tsne"];

    /// <summary>Fashion-MNIST row counts (the first N of train + test), smallest first.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 70_000];

    /// <summary>"auto", "none", or a folder holding the peer scripts.</summary>
    public string Peers { get; init; } = "auto";

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(Parts, StringComparer.Ordinal);

    public bool Runs(string part) => Only.Contains(part);

    public static IReadOnlyList<int> ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int size) || size < 100 || size > 70_000)
            {
                throw new RenderFarmException($"--sizes: '{part}' is not a row count between 100 and 70000.");
            }

            sizes.Add(size);
        }

        return sizes.Count == 0 ? throw new RenderFarmException("--sizes: give at least one size.") : sizes.Distinct().Order().ToArray();
    }

    /// <summary>Checked before anything is measured, so a mistyped folder does not cost a 70k run.</summary>
    public static string ParsePeers(string text) =>
        text is "auto" or "none" || File.Exists(Path.Combine(text, "run_all.sh"))
            ? text
            : throw new RenderFarmException($"--peers {text}: not auto, none, or a folder with the peer scripts' run_all.sh.");

    public static IReadOnlySet<string> ParseOnly(string text)
    {
        var only = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string name = part.ToLowerInvariant();
            if (!Parts.Contains(name))
            {
                throw new RenderFarmException($"--only: unknown part '{part}' (known: {string.Join(", ", Parts)}).");
            }

            only.Add(name);
        }

        return only.Count == 0 ? throw new RenderFarmException("--only: give at least one part.") : only;
    }
}
