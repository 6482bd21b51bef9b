namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The O(N²) repulsion, summing every pair directly in any dimension. The reference the
/// approximations are checked against, and fast enough by itself for a few thousand points.
/// </summary>
internal sealed class ExactRepulsion(int dims) : IRepulsion
{
    public double Compute(ReadOnlySpan<double> y, Span<double> force, Span<double> rowZ) =>
        PairwiseRepulsion.Sum(y, null, dims, force, rowZ);
}
