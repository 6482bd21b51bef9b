namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// Stateless SplitMix64-style hashing. Random choices are derived from (seed, step, point, …) instead of
/// a shared generator, so they do not depend on which thread asks first: that is what keeps the
/// parallel algorithms deterministic for a seed.
/// </summary>
internal static class Hash64
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Of(ulong a, ulong b) => Mix(a ^ Mix(b));

    public static ulong Of(ulong a, ulong b, ulong c) => Of(Of(a, b), c);

    public static ulong Of(ulong a, ulong b, ulong c, ulong d) => Of(Of(a, b, c), d);

    /// <summary>A uniform float in [0, 1) from the top 24 bits (all a float mantissa can hold).</summary>
    public static float Unit(ulong hash) => (hash >> 40) * (1f / (1 << 24));
}
