namespace RenderFarm.Layouts.Umap;

/// <summary>Where the optimisation starts.</summary>
public enum UmapInit
{
    /// <summary>Eigenvectors of the graph Laplacian (umap's default).</summary>
    Spectral,

    /// <summary>The data's leading principal components (needs the data matrix).</summary>
    Pca,

    /// <summary>Uniformly random in a box.</summary>
    Random,

    /// <summary>The coordinates in <see cref="UmapOptions.InitialCoordinates"/>, used as they are (warm start).</summary>
    Given,
}
