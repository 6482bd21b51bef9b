namespace RenderFarm.Core.Scenes;

/// <summary>
/// Reads <c>layouts:</c>, a mapping from names the user picks to layout entries. An entry's method
/// defaults to its name (so <c>umap: {}</c> is a UMAP); references between entries (a grid's
/// source, align_to) must name another entry, without cycles.
/// </summary>
internal static class LayoutSectionReader
{
    private static readonly Dictionary<string, LayoutMethod> Methods = new()
    {
        ["umap"] = LayoutMethod.Umap,
        ["tsne"] = LayoutMethod.Tsne,
        ["pca"] = LayoutMethod.Pca,
        ["grid"] = LayoutMethod.Grid,
    };

    private static readonly Dictionary<string, LayoutInit> Inits = new()
    {
        ["spectral"] = LayoutInit.Spectral,
        ["pca"] = LayoutInit.Pca,
        ["random"] = LayoutInit.Random,
    };

    private static readonly Dictionary<string, LayoutMetric> Metrics = new()
    {
        ["euclidean"] = LayoutMetric.Euclidean,
        ["cosine"] = LayoutMetric.Cosine,
    };

    private static readonly Dictionary<string, LayoutTerrain> Terrains = new()
    {
        ["embedding"] = LayoutTerrain.Embedding,
        ["layout"] = LayoutTerrain.Layout,
        ["none"] = LayoutTerrain.None,
    };

    private static readonly Dictionary<string, WarmStartMode> WarmStarts = new()
    {
        ["previous"] = WarmStartMode.Previous,
        ["none"] = WarmStartMode.None,
    };

    private static readonly string[] Common = ["method", "dims", "seed", "deterministic", "align_to", "terrain", "warm_start"];

    internal static readonly Dictionary<LayoutMethod, string[]> KeysByMethod = new()
    {
        [LayoutMethod.Umap] = [.. Common, "metric", "pca_dims", "n_neighbors", "min_dist", "spread", "n_epochs", "learning_rate", "negative_sample_rate", "init"],
        [LayoutMethod.Tsne] = [.. Common, "metric", "pca_dims", "perplexity", "exaggeration", "exaggeration_iter", "n_iter", "learning_rate", "init", "theta"],
        [LayoutMethod.Pca] = [.. Common],
        [LayoutMethod.Grid] = [.. Common, "source", "columns", "rows", "exact_limit"],
    };

    public static IReadOnlyList<LayoutSpec> Read(SceneMap? section)
    {
        if (section is null)
        {
            return [];
        }

        var layouts = new List<LayoutSpec>();
        foreach (string name in section.Keys)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))
            {
                throw section.LocationOf(name).Error("a layout name must be a file name: letters, digits, '.', '_' and '-'");
            }

            SceneMap entry = section.Map(name) ?? throw section.ErrorAt(name, "expected a mapping of layout parameters ({} for the defaults)");
            layouts.Add(ReadEntry(section, entry, name));
        }

        CheckReferences(layouts);
        return layouts;
    }

    private static LayoutSpec ReadEntry(SceneMap section, SceneMap entry, string name)
    {
        LayoutMethod method = entry.Choice("method", Methods)
            ?? (Methods.TryGetValue(name, out LayoutMethod byName) ? byName : throw section.ErrorAt(name, $"say which method: add method: {string.Join("|", Methods.Keys)}"));
        entry.RejectUnknownKeys(KeysByMethod[method]);
        var locations = new Dictionary<string, SceneLocation>(StringComparer.Ordinal) { [name] = section.LocationOf(name) };
        foreach (string key in entry.Keys)
        {
            locations[key] = entry.LocationOf(key);
        }

        var defaults = new LayoutSpec { Name = name, Method = method, Locations = locations };
        var spec = defaults with
        {
            Dims = entry.Int("dims", 2, method == LayoutMethod.Grid ? 2 : 3) ?? defaults.Dims,
            Seed = entry.Int("seed") ?? defaults.Seed,
            Deterministic = entry.Bool("deterministic") ?? defaults.Deterministic,
            AlignTo = entry.String("align_to"),
            Metric = entry.Choice("metric", Metrics) ?? defaults.Metric,
            PcaDims = entry.Int("pca_dims", 2, 4096),
            NNeighbors = entry.Int("n_neighbors", 2, 1000) ?? defaults.NNeighbors,
            MinDist = entry.Double("min_dist", 0, 100) ?? defaults.MinDist,
            Spread = entry.Double("spread", 1e-6, 100) ?? defaults.Spread,
            Epochs = entry.Int("n_epochs", 1, 100_000),
            LearningRate = entry.Double("learning_rate", 1e-6, 1e7),
            NegativeSampleRate = entry.Int("negative_sample_rate", 1, 100) ?? defaults.NegativeSampleRate,
            Init = entry.Choice("init", Inits),
            Perplexity = entry.Double("perplexity", 1e-3, 1e5) ?? defaults.Perplexity,
            Exaggeration = entry.Double("exaggeration", 1, 1000) ?? defaults.Exaggeration,
            ExaggerationIterations = entry.Int("exaggeration_iter", 0, 100_000) ?? defaults.ExaggerationIterations,
            Iterations = entry.Int("n_iter", 1, 100_000) ?? defaults.Iterations,
            Theta = entry.Double("theta", 0, 2) ?? defaults.Theta,
            Source = entry.String("source"),
            Columns = entry.Int("columns", 1, 100_000),
            Rows = entry.Int("rows", 1, 100_000),
            ExactLimit = entry.Int("exact_limit", 0, 1_000_000) ?? defaults.ExactLimit,
            Terrain = entry.Choice("terrain", Terrains),
            WarmStart = entry.Choice("warm_start", WarmStarts) ?? defaults.WarmStart,
        };

        if (spec.Dims != 2 && spec.Terrain is LayoutTerrain.Embedding or LayoutTerrain.Layout)
        {
            throw entry.ErrorAt("terrain", $"terrain heights are for 2-D layouts; this one is {spec.Dims}-D (use none)");
        }

        if (spec.MinDist > spec.Spread)
        {
            throw entry.ErrorAt("min_dist", $"must not exceed spread ({spec.Spread}), got {spec.MinDist}");
        }

        if (method == LayoutMethod.Tsne && spec.Init == LayoutInit.Spectral)
        {
            throw entry.ErrorAt("init", "t-SNE starts from pca or random");
        }

        if (method == LayoutMethod.Grid && spec.Source is null)
        {
            throw section.ErrorAt(name, "a grid needs source: the name of the 2-D layout to snap");
        }

        return spec;
    }

    private static void CheckReferences(List<LayoutSpec> layouts)
    {
        var byName = layouts.ToDictionary(l => l.Name, StringComparer.Ordinal);
        foreach (LayoutSpec layout in layouts)
        {
            foreach ((string key, string? target) in new[] { ("source", layout.Source), ("align_to", layout.AlignTo) })
            {
                if (target is null)
                {
                    continue;
                }

                if (!byName.TryGetValue(target, out LayoutSpec? referenced) || referenced == layout)
                {
                    string known = string.Join(", ", layouts.Where(l => l != layout).Select(l => l.Name));
                    throw layout.LocationOf(key).Error($"'{target}' is not another layout of this scene (layouts: {(known.Length > 0 ? known : "none")})");
                }

                if (key == "source" && referenced.Dims != 2)
                {
                    throw layout.LocationOf(key).Error($"'{target}' is {referenced.Dims}-D; a grid snaps a 2-D layout");
                }

                if (key == "align_to" && referenced.Dims != layout.Dims)
                {
                    throw layout.LocationOf(key).Error($"'{target}' is {referenced.Dims}-D and '{layout.Name}' is {layout.Dims}-D; alignment needs equal dims");
                }
            }
        }

        foreach (LayoutSpec layout in layouts)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { layout.Name };
            for (LayoutSpec current = layout; Next(current) is { } next; current = byName[next])
            {
                if (!seen.Add(next))
                {
                    throw layout.LocationOf(layout.Source is not null ? "source" : "align_to").Error($"layouts refer to each other in a cycle through '{next}'");
                }
            }
        }

        static string? Next(LayoutSpec spec) => spec.Source ?? spec.AlignTo;
    }
}
