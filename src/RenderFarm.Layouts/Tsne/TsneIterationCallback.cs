namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Called after every optimisation iteration with the number of iterations completed (1-based,
/// early exaggeration included), the live N × dims row-major coordinates (copy them to keep a
/// snapshot) and, every <see cref="TsneOptimizer.KlInterval"/> iterations (null between), the KL
/// divergence of the unexaggerated P from the layout's Q before that step.
/// Return false to stop early; the coordinates at that point become the result.
/// </summary>
public delegate bool TsneIterationCallback(int iteration, ReadOnlySpan<float> coordinates, double? klDivergence);
