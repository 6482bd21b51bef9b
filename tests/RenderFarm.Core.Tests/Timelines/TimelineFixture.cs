using RenderFarm.Core.Scenes;
using RenderFarm.Core.Timelines;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Timelines;

/// <summary>Reads videos from scene text (as users write them) and makes seeded coordinates for them.</summary>
internal sealed class TimelineFixture : IDisposable
{
    private const string Prefix = "dataset:\n  kind: image-folder\n  path: images\nlayouts:\n  umap: {}\n  tsne:\n    align_to: umap\n"
        + "  u3:\n    method: umap\n    dims: 3\n  t3:\n    method: tsne\n    dims: 3\n    align_to: u3\noutputs:\n  v:\n    kind: video\n";

    private readonly TempDirectory _dir = new();

    public TimelineFixture()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    /// <summary>A video whose keys (layout, size, fps, timeline, ...) are <paramref name="keys"/>, indented by four spaces.</summary>
    public VideoOutputSpec Video(string keys) =>
        (VideoOutputSpec)SceneLoader.Load(_dir.Write("s.yaml", Prefix + keys)).Outputs[0];

    public static float[] Random(int items, int dims, int seed, float scale = 10, float offset = 0)
    {
        var random = new Random(seed);
        var values = new float[items * dims];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = offset + (float)(random.NextDouble() * 2 - 1) * scale;
        }

        return values;
    }

    /// <summary>Inputs holding 2-D umap and tsne (or 3-D u3 and t3) with <paramref name="groups"/> round-robin clusters and labels.</summary>
    public static TimelineInputs Inputs(int items, int dims, int groups = 4)
    {
        int[] ids = Enumerable.Range(0, items).Select(i => i % groups).ToArray();
        var inputs = new TimelineInputs(items, dims) { Labels = ids };
        string first = dims == 2 ? "umap" : "u3", second = dims == 2 ? "tsne" : "t3";
        inputs.AddLayout(first, Random(items, dims, 1), ids);
        inputs.AddLayout(second, Random(items, dims, 2, scale: 30, offset: 5), ids);
        return inputs;
    }

    public void Dispose() => _dir.Dispose();
}
