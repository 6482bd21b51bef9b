namespace RenderFarm.Layouts.Neighbors;

/// <summary>A tiny sequential generator (SplitMix64) for work that one thread owns, such as one tree.</summary>
internal struct SplitMix64
{
    private ulong state;

    public SplitMix64(ulong seed)
    {
        state = seed;
    }

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Hash64.Mix(state);
    }

    /// <summary>Uniform in [0, bound); the modulo bias is negligible for the sizes used here (≪ 2⁶⁴).</summary>
    public int NextInt(int bound) => (int)(Next() % (ulong)bound);
}
