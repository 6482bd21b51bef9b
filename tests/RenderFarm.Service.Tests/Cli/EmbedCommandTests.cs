using System.Text.RegularExpressions;
using RenderFarm.Core.IO;
using RenderFarm.Core.Reports;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

public sealed partial class EmbedCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Embed_SmallScene_PrintsSummaryAndWritesOutputs()
    {
        string scene = TestScenes.WriteTiny(_dir);
        string output = _dir.File("out");

        CliRun run = CliRun.Of("embed", scene, "--output", output, "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 0, run.ToString());
        string summary = Assert.Single(run.OutLines, l => l.StartsWith("items ", StringComparison.Ordinal));
        Assert.Matches(SummaryLine(), summary);
        Assert.StartsWith("items 60 · skipped 0 · cached 0 · new 60 ·", summary);

        string folder = Path.Combine(output, "tiny");
        Matrix vectors = NpyFile.Read(Path.Combine(folder, "embeddings.npy"));
        Assert.Equal((60, 64), (vectors.Rows, vectors.Columns));
        string[] items = File.ReadAllLines(Path.Combine(folder, "items.csv"));
        Assert.Equal("index,id,label,content_hash,source", items[0]);
        Assert.Equal(61, items.Length);
        Assert.StartsWith("0,train/00000,cat,", items[1]);
        EmbedReport report = EmbedReport.Read(Path.Combine(folder, "report.json"));
        Assert.Equal(new EmbedCounts(Listed: 60, Embedded: 60, New: 60, Cached: 0, Skipped: 0, Added: 60, Removed: 0), report.Counts);
    }

    [Fact]
    public void Embed_SecondRun_TakesEveryVectorFromTheCache()
    {
        string scene = TestScenes.WriteTiny(_dir);
        string[] args = ["embed", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache")];
        string npy = _dir.File("out/tiny/embeddings.npy");
        Assert.Equal(0, CliRun.Of(args).ExitCode);
        float[] first = NpyFile.Read(npy).Data;

        CliRun second = CliRun.Of(args);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("items 60 · skipped 0 · cached 60 · new 0 · added 0 · removed 0 ·", second.Out);
        Assert.Equal(first, NpyFile.Read(npy).Data);
    }

    /// <summary>items N · skipped N · cached N · new N · added N · removed N · S s · R images/s</summary>
    [GeneratedRegex(@"^items [\d,]+ · skipped [\d,]+ · cached [\d,]+ · new [\d,]+ · added [\d,]+ · removed [\d,]+ · \d+\.\d\d s · [\d,]+ images/s$")]
    private static partial Regex SummaryLine();
}
