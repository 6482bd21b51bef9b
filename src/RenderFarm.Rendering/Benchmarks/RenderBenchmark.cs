using System.Diagnostics;
using System.Numerics;
using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Core.Thumbnails;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Benchmarks;

/// <summary>One measured scene: frames rendered and read back, with the share of the process's cores kept busy.</summary>
public sealed record RenderBenchmarkResult(string Scene, int Items, int Width, int Height, int Frames, double Seconds, double CoresBusy)
{
    public double FramesPerSecond => Frames / Seconds;
    public double MillisecondsPerFrame => Seconds * 1000 / Frames;

    /// <summary>Process CPU time per frame in milliseconds: the fair figure when the machine is shared.</summary>
    public double CpuMillisecondsPerFrame => CoresBusy * Environment.ProcessorCount * MillisecondsPerFrame;

    /// <summary>The path the renderer drew the last frame with.</summary>
    public RenderPath Path { get; init; }
}

/// <summary>
/// Frames/s of the renderer on synthetic scenes shaped like the real ones: 70,000 items in ten
/// Gaussian clusters at 1920×1080, positions moving every frame (as in a morph) so instance
/// uploads are part of the figure. For `renderfarm bench render`; not used by tests.
/// </summary>
public static class RenderBenchmark
{
    public const string Sprites = "sprites", Points = "points", Spheres = "spheres";

    public static RenderBenchmarkResult Run(RenderDevice device, string scene, int items = 70_000, int frames = 20,
        int width = 1920, int height = 1080, float size = 12, int samples = 4, RenderPath path = RenderPath.Auto, double worldHeight = 24)
    {
        var random = new Random(42);
        var start = Layout(random, items, 3);
        var end = Layout(random, items, 3);
        var colors = Enumerable.Range(0, items).Select(i => Palette.ForIndex(i % 10)).ToArray();
        var positions = new float[items * 3];
        using var renderer = device.CreateFrameRenderer(width, height, samples);
        renderer.PathPreference = path;
        var rgba = new byte[width * height * 4];

        Func<int, FrameDescription> frame;
        switch (scene)
        {
            case Sprites:
                var atlas = device.UploadAtlas(StrokeThumbnails(items, 28, random), $"benchmark/{items}/28");
                var cells = Enumerable.Range(0, items).ToArray();
                var positions2 = new float[items * 2];
                frame = t =>
                {
                    Morph(start, end, t / (float)frames, positions);
                    for (int i = 0; i < items; i++) (positions2[2 * i], positions2[2 * i + 1]) = (positions[3 * i], positions[3 * i + 1]);
                    return new FrameDescription(new OrthographicCamera(0, 0, worldHeight), new Rgba8(0, 0, 0),
                        [new SpriteLayer { Atlas = atlas, Positions = positions2, Cells = cells, Colors = colors, Size = size }]);
                };
                break;
            case Points:
                var flat = new float[items * 2];
                frame = t =>
                {
                    Morph(start, end, t / (float)frames, positions);
                    for (int i = 0; i < items; i++) (flat[2 * i], flat[2 * i + 1]) = (positions[3 * i], positions[3 * i + 1]);
                    return new FrameDescription(new OrthographicCamera(0, 0, worldHeight), new Rgba8(255, 255, 255),
                        [new PointLayer { Positions = flat, Colors = colors, Size = size }]);
                };
                break;
            case Spheres:
                frame = t =>
                {
                    Morph(start, end, t / (float)frames, positions);
                    float angle = t * 0.05f;
                    var eye = new Vector3(30 * MathF.Cos(angle), 30 * MathF.Sin(angle), 18);
                    return new FrameDescription(new PerspectiveCamera(eye, Vector3.Zero, Vector3.UnitZ, 45), new Rgba8(250, 250, 247),
                        [new PointLayer { Positions = positions, Dimensions = 3, Colors = colors, Size = 0.25f, SizeUnit = SizeUnit.World, Shading = PointShading.Sphere }]);
                };
                break;
            default:
                throw new ArgumentException($"Unknown benchmark scene '{scene}' (use {Sprites}, {Points} or {Spheres}).", nameof(scene));
        }

        renderer.Render(frame(0), rgba); // warm-up: pipelines, buffer growth
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int t = 1; t <= frames; t++) renderer.Render(frame(t), rgba);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double busy = (process.TotalProcessorTime - cpuBefore).TotalSeconds / seconds / Environment.ProcessorCount;
        return new RenderBenchmarkResult(scene, items, width, height, frames, seconds, busy) { Path = renderer.LastPath };
    }

    /// <summary>
    /// A grid poster: <paramref name="tiles"/> opaque colour thumbnails edge to edge on a
    /// <paramref name="side"/>² image, rendered in tiles by <see cref="PosterRenderer"/> (the
    /// renderer is at most 4096 px a side, so 8192² takes four tiles). Frames = 1; the atlas upload
    /// is timed apart, as <c>AtlasSeconds</c>.
    /// </summary>
    public static (RenderBenchmarkResult Poster, double AtlasSeconds) RunGridPoster(RenderDevice device, int tiles = 10_000, int side = 8192, int cellSize = 64,
        RenderPath path = RenderPath.Auto)
    {
        int columns = (int)Math.Ceiling(Math.Sqrt(tiles));
        var random = new Random(42);
        var thumbnails = ThumbnailSet.Allocate(tiles, cellSize);
        for (int i = 0; i < tiles; i++)
        {
            var cell = thumbnails.WritableCell(i);
            byte r = (byte)random.Next(256), g = (byte)random.Next(256), b = (byte)random.Next(256);
            for (int p = 0; p < cell.Length; p += 4)
            {
                int x = p / 4 % cellSize, y = p / 4 / cellSize;
                bool stripe = (x + y) / 8 % 2 == 0;
                cell[p] = stripe ? r : (byte)(255 - r);
                cell[p + 1] = g;
                cell[p + 2] = b;
                cell[p + 3] = 255;
            }
        }
        var upload = Stopwatch.StartNew();
        var atlas = device.UploadAtlas(thumbnails, $"benchmark/grid/{tiles}/{cellSize}");
        double atlasSeconds = upload.Elapsed.TotalSeconds;

        var positions = new float[tiles * 2];
        for (int i = 0; i < tiles; i++) (positions[2 * i], positions[2 * i + 1]) = (i % columns + 0.5f, columns - i / columns - 0.5f);
        var frame = new FrameDescription(new OrthographicCamera(columns / 2.0, columns / 2.0, columns), new Rgba8(255, 255, 255),
            [new SpriteLayer { Atlas = atlas, Positions = positions, Cells = Enumerable.Range(0, tiles).ToArray(), Size = 1, SizeUnit = SizeUnit.World, Mode = SpriteMode.Opaque }]);
        int tileSide = Math.Min(4096, Math.Min(side, device.Info.MaxImageDimension2D));
        using var renderer = device.CreateFrameRenderer(tileSide, tileSide);
        renderer.PathPreference = path;
        long checksum = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        // The band writer stands in for a PNG encoder: it touches every row once.
        PosterRenderer.Render(renderer, frame, side, side, (y, height, rows) => checksum += rows[^1]);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double busy = (process.TotalProcessorTime - cpuBefore).TotalSeconds / seconds / Environment.ProcessorCount;
        GC.KeepAlive(checksum);
        return (new RenderBenchmarkResult("grid-poster", tiles, side, side, 1, seconds, busy) { Path = renderer.LastPath }, atlasSeconds);
    }

    private static float[] Layout(Random random, int items, int dims)
    {
        var centres = Enumerable.Range(0, 10).Select(_ => new Vector3(Normal(random) * 8, Normal(random) * 5, Normal(random))).ToArray();
        var xyz = new float[items * dims];
        for (int i = 0; i < items; i++)
        {
            var c = centres[i % 10];
            xyz[dims * i] = c.X + Normal(random) * 1.5f;
            xyz[dims * i + 1] = c.Y + Normal(random) * 1.5f;
            xyz[dims * i + 2] = Math.Abs(c.Z + Normal(random)) * 2;
        }
        return xyz;
    }

    private static void Morph(float[] from, float[] to, float t, float[] into)
    {
        for (int i = 0; i < into.Length; i++) into[i] = from[i] + (to[i] - from[i]) * t;
    }

    private static float Normal(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>Fashion-MNIST-like cells: a bright blob with random strokes on black.</summary>
    private static ThumbnailSet StrokeThumbnails(int count, int cellSize, Random random)
    {
        var set = ThumbnailSet.Allocate(count, cellSize);
        for (int i = 0; i < count; i++)
        {
            var cell = set.WritableCell(i);
            int cx = random.Next(8, cellSize - 8), cy = random.Next(8, cellSize - 8), r = random.Next(4, 10);
            for (int y = 0; y < cellSize; y++)
            for (int x = 0; x < cellSize; x++)
            {
                int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                byte v = d2 < r * r ? (byte)(255 - d2 * 100 / (r * r)) : (byte)0;
                int p = (y * cellSize + x) * 4;
                cell[p] = cell[p + 1] = cell[p + 2] = v;
                cell[p + 3] = 255;
            }
        }
        return set;
    }
}
