namespace RenderFarm.Layouts.LinearAlgebra;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box–Muller), so results repeat for a seed.</summary>
internal static class Gaussian
{
    public static void Fill(Random random, Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)Next(random);
        }
    }

    public static double Next(Random random)
    {
        // 1 − NextDouble() lies in (0, 1], so the logarithm is finite.
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
