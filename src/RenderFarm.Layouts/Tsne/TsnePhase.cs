namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// One stretch of gradient descent with fixed settings (early exaggeration, then the rest).
/// <paramref name="MaxGradientNorm"/> clips each point's gradient (used when adding points, so a
/// point far from its neighbours cannot jump across the layout); null for none.
/// </summary>
internal sealed record TsnePhase(int Iterations, double Exaggeration, double Momentum, double LearningRate, double? MaxGradientNorm = null);
