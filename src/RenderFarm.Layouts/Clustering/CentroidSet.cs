using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Clustering;

/// <summary>
/// The mean position of each cluster's points (row c for label c) and how many points each has; a
/// label with no points has a zero row and count 0, so callers can skip it rather than meet NaN.
/// </summary>
public sealed record CentroidSet(Matrix Centroids, int[] Counts);
