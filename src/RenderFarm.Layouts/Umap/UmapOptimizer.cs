namespace RenderFarm.Layouts.Umap;

/// <summary>
/// Step 5 of UMAP: stochastic gradient descent on the fuzzy cross-entropy between the graph and
/// the layout. Every edge is sampled in proportion to its weight (an edge of weight w is visited
/// every max_w/w epochs — umap's epochs-per-sample schedule); each visit pulls its two ends together
/// and pushes the head away from negative_sample_rate random points. Gradients are clipped to ±4
/// and the learning rate decays linearly from its initial value to 0.
/// In parallel mode edge blocks run concurrently and write the shared coordinates without locks
/// (Hogwild: collisions are rare and only add noise, as in umap's parallel mode); deterministic mode
/// runs one thread with one seeded generator, so a seed always gives the same layout.
/// </summary>
internal sealed partial class UmapOptimizer
{
    private const float Clip = 4f;

    /// <summary>Edges per parallel block: large enough to amortise scheduling, small enough to balance two to many cores.</summary>
    private const int BlockSize = 8192;

    private readonly int[] heads;
    private readonly int[] tails;
    private readonly float[] epochsPerSample;
    private readonly float[] epochOfNextSample;
    private readonly float[] epochOfNextNegative;
    private readonly UmapOptimizerSettings settings;

    /// <param name="graph">Edges to sample: rows index <paramref name="head"/>, columns index <paramref name="tail"/>.</param>
    /// <param name="head">Moving coordinates, graph.RowCount × dims, updated in place.</param>
    /// <param name="tail">Coordinates the edges pull towards, graph.ColumnCount × dims (the same array as head in a fit).</param>
    public UmapOptimizer(SparseGraph graph, float[] head, float[] tail, UmapOptimizerSettings settings)
    {
        this.settings = settings;
        Head = head;
        Tail = tail;
        TailCount = graph.ColumnCount;
        heads = new int[graph.EdgeCount];
        tails = graph.Columns;
        for (int r = 0; r < graph.RowCount; r++)
        {
            heads.AsSpan(graph.RowStart[r], graph.RowStart[r + 1] - graph.RowStart[r]).Fill(r);
        }

        // umap's make_epochs_per_sample: the heaviest edge is sampled every epoch.
        float max = graph.MaxValue();
        epochsPerSample = graph.Values.Select(w => max / w).ToArray();
        epochOfNextSample = (float[])epochsPerSample.Clone();
        epochOfNextNegative = epochsPerSample.Select(e => e / settings.NegativeSampleRate).ToArray();
    }

    public float[] Head { get; }

    public float[] Tail { get; }

    private int TailCount { get; }

    /// <summary>
    /// Runs the epochs, calling <paramref name="callback"/> with the number of completed epochs and
    /// the head coordinates after each one; stops early when it returns false. Returns the epochs run.
    /// </summary>
    public int Run(UmapEpochCallback? callback)
    {
        int epochs = settings.Epochs;
        var serialRandom = new FastRandom(settings.Seed);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            float alpha = settings.LearningRate * (1f - (epoch / (float)epochs));
            if (settings.Deterministic)
            {
                RunBlock(0, heads.Length, epoch, alpha, ref serialRandom);
            }
            else
            {
                int blocks = (heads.Length + BlockSize - 1) / BlockSize;
                int current = epoch;
                Parallel.For(0, blocks, block =>
                {
                    var random = new FastRandom(settings.Seed ^ (((ulong)current << 32) | (uint)block));
                    RunBlock(block * BlockSize, Math.Min(heads.Length, (block + 1) * BlockSize), current, alpha, ref random);
                });
            }

            if (callback is not null && !callback(epoch + 1, Head))
            {
                return epoch + 1;
            }
        }

        return epochs;
    }

    /// <summary>One epoch over edges [start, end): attraction along due edges, then their negative samples.</summary>
    private void RunBlock(int start, int end, int epoch, float alpha, ref FastRandom random)
    {
        if (settings.Dims == 2)
        {
            RunBlockPlanar(start, end, epoch, alpha, ref random);
        }
        else
        {
            RunBlockAnyDims(start, end, epoch, alpha, ref random);
        }
    }

    /// <summary>The general epoch, for 3-D (and any other) layouts.</summary>
    private void RunBlockAnyDims(int start, int end, int epoch, float alpha, ref FastRandom random)
    {
        int dims = settings.Dims;
        float a = settings.A, b = settings.B;
        float negativeRate = settings.NegativeSampleRate;
        bool moveOther = settings.MoveOther;
        Span<float> current = Head;
        Span<float> others = Tail;
        for (int e = start; e < end; e++)
        {
            if (epochOfNextSample[e] > epoch)
            {
                continue;
            }

            int j = heads[e], k = tails[e];
            Span<float> point = current.Slice(j * dims, dims);
            Span<float> other = others.Slice(k * dims, dims);
            float d2 = SquaredDistance(point, other);
            // d2^(b−1) once, d2^b from it: MathF.Pow dominates the cost of a sample.
            float powBMinus1 = d2 > 0 ? MathF.Pow(d2, b - 1f) : 0f;
            float attract = d2 > 0 ? -2f * a * b * powBMinus1 / ((a * powBMinus1 * d2) + 1f) : 0f;
            for (int d = 0; d < dims; d++)
            {
                float grad = Math.Clamp(attract * (point[d] - other[d]), -Clip, Clip);
                point[d] += grad * alpha;
                if (moveOther)
                {
                    other[d] -= grad * alpha;
                }
            }

            epochOfNextSample[e] += epochsPerSample[e];
            float perNegative = epochsPerSample[e] / negativeRate;
            int negatives = (int)((epoch - epochOfNextNegative[e]) / perNegative);
            for (int p = 0; p < negatives; p++)
            {
                Repel(point, random.NextInt(TailCount), alpha);
            }

            epochOfNextNegative[e] += negatives * perNegative;
        }
    }

    /// <summary>Pushes <paramref name="point"/> away from tail point <paramref name="k"/>; the sampled point stays put.</summary>
    private void Repel(Span<float> point, int k, float alpha)
    {
        int dims = settings.Dims;
        Span<float> other = Tail.AsSpan(k * dims, dims);
        float d2 = SquaredDistance(point, other);
        if (d2 <= 0)
        {
            // Sampling oneself is not a repulsion; a distinct point on top of us has no direction to push.
            return;
        }

        float b = settings.B;
        float repel = 2f * settings.Gamma * b / ((0.001f + d2) * ((settings.A * MathF.Pow(d2, b)) + 1f));
        for (int d = 0; d < dims; d++)
        {
            point[d] += Math.Clamp(repel * (point[d] - other[d]), -Clip, Clip) * alpha;
        }
    }

    private static float SquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float sum = 0;
        for (int d = 0; d < x.Length; d++)
        {
            float diff = x[d] - y[d];
            sum += diff * diff;
        }

        return sum;
    }
}
