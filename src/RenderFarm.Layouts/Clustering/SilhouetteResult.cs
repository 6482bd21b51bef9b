namespace RenderFarm.Layouts.Clustering;

/// <summary>
/// A mean silhouette coefficient in [−1, 1] and how it was computed: over every point
/// (<see cref="Exact"/>), or over a seeded sample of <see cref="SampleSize"/> points, each scored
/// exactly against all points, so the mean is an unbiased estimate of the exact score.
/// </summary>
public sealed record SilhouetteResult(double Score, int SampleSize, bool Exact);
