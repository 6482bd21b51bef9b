namespace RenderFarm.Layouts.Umap;

/// <summary>
/// A small, fast, seedable generator (xorshift64* seeded through SplitMix64) as a mutable struct so
/// every optimiser thread can own one on its stack; System.Random's virtual calls would dominate
/// the negative-sampling loop. Same seed → same sequence on every platform.
/// </summary>
internal struct FastRandom
{
    private ulong state;

    public FastRandom(ulong seed)
    {
        // SplitMix64 scrambles consecutive seeds (thread 0, 1, 2 …) into unrelated states and never yields 0.
        ulong z = seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        state = (z ^ (z >> 31)) | 1UL;
    }

    public ulong NextULong()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => (int)(((NextULong() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by Box–Muller (one of the pair is discarded: simplicity over speed here).</summary>
    public double NextGaussian()
    {
        double u = 1.0 - NextDouble();
        double v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
