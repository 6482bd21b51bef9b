namespace RenderFarm.Layouts.Tsne;

/// <summary>Where the t-SNE optimisation starts.</summary>
public enum TsneInit
{
    /// <summary>The data's leading principal components, scaled so the first has standard deviation 1e-4 (openTSNE's default).</summary>
    Pca,

    /// <summary>Gaussian noise with standard deviation 1e-4.</summary>
    Random,

    /// <summary>The coordinates in <see cref="TsneOptions.InitialCoordinates"/>, used as they are (warm start).</summary>
    Given,
}
