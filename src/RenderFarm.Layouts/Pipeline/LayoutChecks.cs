using RenderFarm.Core.Scenes;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>The checks that need the data, reported at the scene line that set the parameter.</summary>
public static class LayoutChecks
{
    /// <summary>Checks <paramref name="spec"/> against <paramref name="n"/> items of <paramref name="d"/> dimensions.</summary>
    public static void Check(LayoutSpec spec, int n, int d)
    {
        if (n < 3)
        {
            throw spec.LocationOf(spec.Name).Error($"a layout needs at least 3 items; the dataset has {n}");
        }

        switch (spec.Method)
        {
            case LayoutMethod.Umap when spec.NNeighbors >= n:
                throw spec.LocationOf("n_neighbors").Error($"n_neighbors ({spec.NNeighbors}) must be less than the number of items ({n})");
            case LayoutMethod.Tsne when 3 * spec.Perplexity >= n:
                throw spec.LocationOf("perplexity").Error($"perplexity ({spec.Perplexity}) is too large for {n} items: 3 × perplexity must be less than the number of items");
            case LayoutMethod.Umap or LayoutMethod.Tsne when spec.PcaDims is int reduced && reduced >= d:
                throw spec.LocationOf("pca_dims").Error($"pca_dims ({reduced}) must be less than the embedding's {d} dimensions");
            case LayoutMethod.Pca when spec.Dims > d:
                throw spec.LocationOf("dims").Error($"a {spec.Dims}-D PCA needs embeddings of at least {spec.Dims} dimensions; these have {d}");
            case LayoutMethod.Grid when spec.Columns is int columns && spec.Rows is int rows && (long)columns * rows < n:
                throw spec.LocationOf("columns").Error($"grid {columns}x{rows} has {(long)columns * rows} cells for {n} items");
        }
    }
}
