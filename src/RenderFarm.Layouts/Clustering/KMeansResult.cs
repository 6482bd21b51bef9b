using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Clustering;

/// <summary>
/// A k-means clustering: each row's cluster (0..k−1), the cluster centroids (k × columns), the
/// inertia (sum of squared distances of rows to their centroid) and the Lloyd iterations the best
/// restart ran.
/// </summary>
public sealed record KMeansResult(int[] Labels, Matrix Centroids, double Inertia, int Iterations);
