using System.Globalization;
using System.Text;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// The cache key of a layout: the embeddings it was computed from, the algorithm and every
/// parameter that changes its coordinates, and the keys of the layouts it builds on. The entry's
/// name is not part of it, so renaming a layout keeps its cache.
/// </summary>
internal static class LayoutKey
{
    private const string Version = "layout-v1";

    public static string Of(LayoutSpec spec, string embeddingsKey, IReadOnlyDictionary<string, string> keysByName)
    {
        var key = new StringBuilder(Version).Append('|').Append(embeddingsKey);
        void Add(string name, object? value) =>
            key.Append('|').Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));

        Add("method", spec.Method);
        Add("dims", spec.Dims);
        Add("seed", spec.Seed);
        Add("deterministic", spec.Deterministic);
        switch (spec.Method)
        {
            case LayoutMethod.Umap:
                Add("metric", spec.Metric);
                Add("pca_dims", spec.PcaDims);
                Add("n_neighbors", spec.NNeighbors);
                Add("min_dist", spec.MinDist.ToString("R", CultureInfo.InvariantCulture));
                Add("spread", spec.Spread.ToString("R", CultureInfo.InvariantCulture));
                Add("n_epochs", spec.Epochs);
                Add("learning_rate", spec.LearningRate?.ToString("R", CultureInfo.InvariantCulture));
                Add("negative_sample_rate", spec.NegativeSampleRate);
                Add("init", spec.Init);
                break;
            case LayoutMethod.Tsne:
                Add("metric", spec.Metric);
                Add("pca_dims", spec.PcaDims);
                Add("perplexity", spec.Perplexity.ToString("R", CultureInfo.InvariantCulture));
                Add("exaggeration", spec.Exaggeration.ToString("R", CultureInfo.InvariantCulture));
                Add("exaggeration_iter", spec.ExaggerationIterations);
                Add("n_iter", spec.Iterations);
                Add("learning_rate", spec.LearningRate?.ToString("R", CultureInfo.InvariantCulture));
                Add("init", spec.Init);
                Add("theta", spec.Theta.ToString("R", CultureInfo.InvariantCulture));
                break;
            case LayoutMethod.Grid:
                Add("source", keysByName[spec.Source!]);
                Add("columns", spec.Columns);
                Add("rows", spec.Rows);
                Add("exact_limit", spec.ExactLimit);
                break;
        }

        if (spec.AlignTo is not null)
        {
            Add("align_to", keysByName[spec.AlignTo]);
        }

        return key.ToString();
    }

    /// <summary>
    /// The method and parameters alone, without the items (<paramref name="parametersByName"/>
    /// holds the other layouts' parameter keys): equal for two runs of an unchanged layout entry
    /// over different datasets, so a re-render knows which previous layouts it may start from.
    /// </summary>
    public static string Parameters(LayoutSpec spec, IReadOnlyDictionary<string, string> parametersByName) =>
        Of(spec, "", parametersByName);
}
