using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Neighbors;

public static partial class ExactKnn
{
    /// <summary>
    /// One query block against the rows from its own start on, offering each pair to both heaps.
    /// </summary>
    /// <remarks>
    /// Nearly every score loses to the heap's root once the heaps have filled, so the offers are
    /// screened eight at a time: a vector of scores against the root (the query's own root, or each
    /// reference's root kept in a row of bounds), and only lanes at or under it go to the exact
    /// (score, index) test and the heap. Where rows are narrow the offers, not the dot products, are
    /// the search: t-SNE's 70k candidate search on 50 principal components (k = 180) offers 4.9·10⁹
    /// scores, and screening took it (with its PCA) from 12.5 to 11.1 s; at 10k × 784 it measured no change.
    /// </remarks>
    private sealed class BlockSearch(
        float[] rows, int columns, float[] squaredNorms, bool euclidean, int k, int[] indices, float[] distances, Lock[] heapLocks, float[]? limits)
    {
        private static readonly int Width = Vector256<float>.Count;

        // Hot loops compiled fully optimised from the first call: tier-0 code would run the whole first search.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int block, float[] tile)
        {
            int n = squaredNorms.Length;
            int start = block * QueryBlock;
            int count = Math.Min(QueryBlock, n - start);
            Span<float> bounds = stackalloc float[QueryBlock];
            for (int refStart = start; refStart < n; refStart += ReferenceBlock)
            {
                int refCount = Math.Min(ReferenceBlock, n - refStart);
                DotKernel.Tile(rows, columns, start, count, refStart, refCount, tile);
                lock (heapLocks[block])
                {
                    OfferToQueries(tile, start, count, refStart, refCount);
                }

                // Pairs inside the query block are already offered both ways by the loop above.
                for (int first = Math.Max(refStart, start + count); first < refStart + refCount; first += QueryBlock)
                {
                    int other = first / QueryBlock;
                    int last = Math.Min(refStart + refCount, (other + 1) * QueryBlock);
                    lock (heapLocks[other])
                    {
                        OfferToReferences(tile, start, count, refStart, refCount, first, last, bounds);
                    }
                }
            }
        }

        /// <summary>Each tile row to its query's heap, screened against the query's root.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void OfferToQueries(float[] tile, int start, int count, int refStart, int refCount)
        {
            for (int q = 0; q < count; q++)
            {
                int query = start + q;
                float bound = Bound(query);
                ReadOnlySpan<float> dots = tile.AsSpan(q * refCount, refCount);
                int r = 0;
                for (; r + Width <= refCount && Vector256.IsHardwareAccelerated; r += Width)
                {
                    uint passing = Screen(dots[r..], squaredNorms[query], squaredNorms.AsSpan(refStart + r), Vector256.Create(bound));
                    for (; passing != 0; passing &= passing - 1)
                    {
                        int lane = BitOperations.TrailingZeroCount(passing);
                        bound = Offer(query, refStart + r + lane, dots[r + lane]);
                    }
                }

                for (; r < refCount; r++)
                {
                    bound = Offer(query, refStart + r, dots[r]);
                }
            }
        }

        /// <summary>
        /// The tile's columns for references in [first, last), each to that reference's heap; row by
        /// row, screened against a row of the references' roots that follows every push.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void OfferToReferences(float[] tile, int start, int count, int refStart, int refCount, int first, int last, Span<float> bounds)
        {
            int width = last - first;
            for (int j = 0; j < width; j++)
            {
                bounds[j] = Bound(first + j);
            }

            for (int q = 0; q < count; q++)
            {
                int query = start + q;
                ReadOnlySpan<float> dots = tile.AsSpan((q * refCount) + (first - refStart), width);
                int j = 0;
                for (; j + Width <= width && Vector256.IsHardwareAccelerated; j += Width)
                {
                    uint passing = Screen(dots[j..], squaredNorms[query], squaredNorms.AsSpan(first + j), Vector256.Create(bounds[j..]));
                    for (; passing != 0; passing &= passing - 1)
                    {
                        int lane = BitOperations.TrailingZeroCount(passing);
                        bounds[j + lane] = Offer(first + j + lane, query, dots[j + lane]);
                    }
                }

                for (; j < width; j++)
                {
                    bounds[j] = Offer(first + j, query, dots[j]);
                }
            }
        }

        /// <summary>
        /// Lanes whose score is at most their bound: the only ones that can enter a heap. The score
        /// is the same sequence of single-precision operations as <see cref="Offer"/>'s, so no lane
        /// that would pass the exact test is screened out.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private uint Screen(ReadOnlySpan<float> dots, float ownNorm, ReadOnlySpan<float> otherNorms, Vector256<float> bounds)
        {
            var dot = Vector256.Create(dots[..Width]);
            Vector256<float> score = euclidean
                ? Vector256.Max(Vector256<float>.Zero, (Vector256.Create(ownNorm) + Vector256.Create(otherNorms[..Width])) - (Vector256.Create(2f) * dot))
                : Vector256<float>.One - dot;
            return Vector256.LessThanOrEqual(score, bounds).ExtractMostSignificantBits();
        }

        /// <summary>Offers (other, dot) to <paramref name="owner"/>'s heap; returns that heap's root distance after.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private float Offer(int owner, int other, float dot)
        {
            Span<int> heapIndices = indices.AsSpan(owner * k, k);
            Span<float> heapDistances = distances.AsSpan(owner * k, k);
            float score = euclidean ? Math.Max(0f, squaredNorms[owner] + squaredNorms[other] - (2f * dot)) : 1f - dot;

            // Self is excluded by index, not by distance, so a duplicate of the point still counts.
            if (other != owner && (limits is null || score <= limits[owner]) && NeighborHeap.Before(score, other, heapDistances[0], heapIndices[0]))
            {
                NeighborHeap.TryPush(heapIndices, heapDistances, other, score);
            }

            return Bound(owner);
        }

        /// <summary>The score an offer to <paramref name="owner"/> must not exceed: its heap's root, or its limit while that is lower.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private float Bound(int owner) => limits is null ? distances[owner * k] : Math.Min(distances[owner * k], limits[owner]);
    }
}
