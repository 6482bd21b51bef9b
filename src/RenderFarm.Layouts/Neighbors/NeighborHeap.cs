using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// Bounded max-heaps of (distance, index) kept in plain spans, one per point. The root holds the worst
/// neighbour kept so far, so a candidate is rejected with one comparison. Ordering is by distance and
/// then by index, which breaks ties between duplicates by the lower index. Empty slots hold (+∞, −1).
/// The operations run millions of times per search, so they are compiled fully optimised at once
/// instead of starting as tier-0 code.
/// </summary>
internal static class NeighborHeap
{
    public static void Clear(Span<int> indices, Span<float> distances)
    {
        indices.Fill(-1);
        distances.Fill(float.PositiveInfinity);
    }

    /// <summary>Whether (d, i) sorts before (otherDistance, otherIndex); an empty slot (index −1) sorts last.</summary>
    public static bool Before(float d, int i, float otherDistance, int otherIndex) =>
        d < otherDistance || (d == otherDistance && (otherIndex < 0 || (i >= 0 && i < otherIndex)));

    /// <summary>Pushes when (distance, index) beats the root; the caller guarantees the index is not yet present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryPush(Span<int> indices, Span<float> distances, int index, float distance)
    {
        if (!Before(distance, index, distances[0], indices[0]))
        {
            return false;
        }

        SiftDown(indices, distances, Span<byte>.Empty, index, distance, 0);
        return true;
    }

    /// <summary>
    /// NN-descent's push: rejects indices already present, stores the "new" flag alongside, and orders by
    /// distance only (ties do not matter while searching; the final sort breaks them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryPushUnique(Span<int> indices, Span<float> distances, Span<byte> flags, int index, float distance)
    {
        if (distance >= distances[0])
        {
            return false;
        }

        if (indices.Contains(index))
        {
            return false;
        }

        SiftDown(indices, distances, flags, index, distance, 1);
        return true;
    }

    /// <summary>Sorts a heap into ascending (distance, index) order, empty slots last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SortAscending(Span<int> indices, Span<float> distances, Span<byte> flags)
    {
        // k is small (tens), so insertion sort beats anything cleverer.
        for (int a = 1; a < indices.Length; a++)
        {
            int index = indices[a];
            float distance = distances[a];
            byte flag = flags.IsEmpty ? (byte)0 : flags[a];
            int b = a - 1;
            while (b >= 0 && Before(distance, index, distances[b], indices[b]))
            {
                indices[b + 1] = indices[b];
                distances[b + 1] = distances[b];
                if (!flags.IsEmpty)
                {
                    flags[b + 1] = flags[b];
                }

                b--;
            }

            indices[b + 1] = index;
            distances[b + 1] = distance;
            if (!flags.IsEmpty)
            {
                flags[b + 1] = flag;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SiftDown(Span<int> indices, Span<float> distances, Span<byte> flags, int index, float distance, byte flag)
    {
        int count = indices.Length;
        int slot = 0;
        while (true)
        {
            int left = (2 * slot) + 1;
            if (left >= count)
            {
                break;
            }

            int right = left + 1;
            int larger = right < count && Before(distances[left], indices[left], distances[right], indices[right]) ? right : left;
            if (!Before(distance, index, distances[larger], indices[larger]))
            {
                break;
            }

            indices[slot] = indices[larger];
            distances[slot] = distances[larger];
            if (!flags.IsEmpty)
            {
                flags[slot] = flags[larger];
            }

            slot = larger;
        }

        indices[slot] = index;
        distances[slot] = distance;
        if (!flags.IsEmpty)
        {
            flags[slot] = flag;
        }
    }
}
