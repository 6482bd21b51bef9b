using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// The k-NN graph a layout needs, by whichever method suits the size: exact search while its
/// N² · D cost is small (it is then as fast as NN-descent and has no error), NN-descent above.
/// </summary>
public static class NearestNeighbors
{
    /// <summary>Up to this many points the search is always exact.</summary>
    public const int ExactAlwaysUpTo = 4096;

    /// <summary>Above <see cref="ExactAlwaysUpTo"/>, exact search is still used while N² · D stays under this many multiply-adds.</summary>
    public const long ExactWorkLimit = 20_000_000_000;

    public static KnnGraph Build(Matrix data, int k, DistanceMetric metric, int seed, bool deterministic, CancellationToken ct = default)
    {
        NeighborInput.Validate(data, k);
        return UsesExact(data.Rows, data.Columns)
            ? ExactKnn.Build(data, k, metric, ct)
            : NNDescent.Build(data, k, metric, new NNDescentOptions { Seed = seed, Deterministic = deterministic }, ct);
    }

    /// <summary>Whether <see cref="Build"/> searches exhaustively for data of this shape.</summary>
    public static bool UsesExact(int rows, int columns) =>
        rows <= ExactAlwaysUpTo || (long)rows * rows * columns <= ExactWorkLimit;
}
