namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Settings for adding points to a finished layout, defaulted as openTSNE's transform: a small
/// perplexity (a new point should sit by its closest fitted points rather than between broad
/// groups), a low learning rate with clipped gradients and mild exaggeration, 250 iterations.
/// </summary>
public sealed record TsneTransformOptions
{
    public double Perplexity { get; init; } = 5;

    public int Iterations { get; init; } = 250;

    public double LearningRate { get; init; } = 0.1;

    public double Exaggeration { get; init; } = 1.5;

    public double Momentum { get; init; } = 0.8;

    /// <summary>Largest gradient length per point and step.</summary>
    public double MaxGradientNorm { get; init; } = 0.25;
}
