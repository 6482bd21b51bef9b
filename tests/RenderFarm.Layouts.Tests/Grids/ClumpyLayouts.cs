namespace RenderFarm.Layouts.Tests.Grids;

/// <summary>UMAP-like test layouts: Gaussian blobs of different spreads, as interleaved (x, y) pairs.</summary>
internal static class ClumpyLayouts
{
    public static float[] Blobs(int count, int blobs, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, blobs).Select(_ => (X: random.NextDouble(), Y: random.NextDouble(), Spread: 0.02 + 0.05 * random.NextDouble())).ToArray();
        var xy = new float[2 * count];
        for (var i = 0; i < count; i++)
        {
            var blob = centres[random.Next(blobs)];
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * blob.Spread;
            var angle = 2 * Math.PI * random.NextDouble();
            xy[2 * i] = (float)(blob.X + radius * Math.Cos(angle));
            xy[2 * i + 1] = (float)(blob.Y + radius * Math.Sin(angle));
        }

        return xy;
    }

    public static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 2 * count).Select(_ => (float)random.NextDouble()).ToArray();
    }
}
