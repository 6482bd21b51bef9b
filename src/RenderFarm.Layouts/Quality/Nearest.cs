using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Quality;

/// <summary>
/// The k smallest (distance, index) pairs offered so far, for the sampled metrics: one bounded
/// heap of <see cref="NeighborHeap"/>, the structure the k-NN graphs are built with, so both order
/// ties the same way (by the smaller index, so results do not depend on scan order). Most
/// candidates lose to the current worst, which one inline comparison settles.
/// </summary>
internal sealed class Nearest(int k)
{
    private readonly int[] indices = new int[k];
    private readonly float[] distances = new float[k];

    /// <summary>The kept indices, in heap order (the metrics use them as a set).</summary>
    public ReadOnlySpan<int> Indices => indices;

    public void Clear() => NeighborHeap.Clear(indices, distances);

    public void Offer(float distance, int index)
    {
        if (NeighborHeap.Before(distance, index, distances[0], indices[0]))
        {
            NeighborHeap.TryPush(indices, distances, index, distance);
        }
    }
}
