using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// One random-projection tree, kept only as its leaves: <see cref="Order"/> lists the points leaf by
/// leaf and <see cref="LeafStart"/> marks where each leaf begins. Each split is the hyperplane halfway
/// between two random points of the node, so nearby points tend to share a leaf; the leaves seed
/// NN-descent with good first guesses.
/// </summary>
internal sealed class RandomProjectionTree
{
    private RandomProjectionTree(int[] order, int[] leafStart)
    {
        Order = order;
        LeafStart = leafStart;
    }

    public int[] Order { get; }

    public int[] LeafStart { get; }

    public int LeafCount => LeafStart.Length - 1;

    /// <summary>Builds a tree over rows (already normalised for cosine, where the same split then works on the sphere).</summary>
    public static RandomProjectionTree Build(float[] rows, int n, int columns, int leafSize, ulong seed, CancellationToken ct)
    {
        var random = new SplitMix64(seed);
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var leafStart = new List<int>();
        var normal = new float[columns];
        var sides = new bool[n];
        var pending = new Stack<(int Start, int End)>();
        pending.Push((0, n));
        while (pending.Count > 0)
        {
            (int start, int end) = pending.Pop();
            if (end - start <= leafSize)
            {
                leafStart.Add(start);
                continue;
            }

            ct.ThrowIfCancellationRequested();
            int middle = Split(rows, columns, order, start, end, normal, sides, ref random);

            // Pushing the right half first makes leaves come out left to right, so LeafStart ascends.
            pending.Push((middle, end));
            pending.Push((start, middle));
        }

        leafStart.Add(n);
        return new RandomProjectionTree(order, [.. leafStart]);
    }

    /// <summary>Partitions order[start..end) by the hyperplane and returns where the second side begins.</summary>
    // Hot, long-running loops: compiled fully optimised at once rather than starting in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Split(float[] rows, int columns, int[] order, int start, int end, float[] normal, bool[] sides, ref SplitMix64 random)
    {
        int count = end - start;
        int first = order[start + random.NextInt(count)];
        int second = order[start + random.NextInt(count - 1)];
        if (second == first)
        {
            second = order[end - 1];
        }

        ReadOnlySpan<float> a = rows.AsSpan(first * columns, columns);
        ReadOnlySpan<float> b = rows.AsSpan(second * columns, columns);
        TensorPrimitives.Subtract(a, b, normal);

        // Points with normal·x > offset are closer to a than to b.
        float offset = 0.5f * (TensorPrimitives.Dot(a, a) - TensorPrimitives.Dot(b, b));
        int onFirstSide = 0;
        for (int p = start; p < end; p++)
        {
            float margin = TensorPrimitives.Dot(rows.AsSpan(order[p] * columns, columns), normal) - offset;

            // Points on the plane (duplicates of both ends, constant data) go either way at random.
            bool side = margin > 0f || (margin == 0f && (random.Next() & 1) == 0);
            sides[p] = side;
            onFirstSide += side ? 1 : 0;
        }

        if (onFirstSide == 0 || onFirstSide == count)
        {
            // A plane that separates nothing (e.g. all points identical) would recurse forever: halve instead.
            return start + (count / 2);
        }

        // Stable two-way partition through a scratch copy keeps the layout deterministic and simple.
        int[] scratch = order[start..end];
        int left = start;
        int right = start + onFirstSide;
        for (int p = 0; p < count; p++)
        {
            if (sides[start + p])
            {
                order[left++] = scratch[p];
            }
            else
            {
                order[right++] = scratch[p];
            }
        }

        return start + onFirstSide;
    }
}
