using Microsoft.Extensions.Configuration;
using RenderFarm.Core;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Tests.Server;

public sealed class ServerSettingsTests
{
    private static readonly IConfiguration FileSettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["RenderFarm:Urls"] = "http://127.0.0.1:6000",
        ["RenderFarm:Output"] = "/srv/from-file",
        ["RenderFarm:DataRoots:0"] = "/data/file-a",
        ["RenderFarm:DataRoots:1"] = "/data/file-b",
    }).Build();

    private static readonly ServerSettings.Flags NoFlags = new(null, null, null, [], null, null);

    [Fact]
    public void FlagsOverrideEnvironmentWhichOverridesTheFile()
    {
        var environment = new Dictionary<string, string> { ["RENDERFARM_OUTPUT"] = "/srv/from-env", ["RENDERFARM_DATA_ROOTS"] = "/data/env-a:/data/env-b" };

        ServerSettings fromFile = ServerSettings.Resolve(FileSettings, NoFlags, _ => null);
        ServerSettings fromEnvironment = ServerSettings.Resolve(FileSettings, NoFlags, environment.GetValueOrDefault);
        ServerSettings fromFlags = ServerSettings.Resolve(FileSettings, NoFlags with { Output = "/srv/from-flag", DataRoots = ["/data/flag"] }, environment.GetValueOrDefault);

        Assert.Equal(("/srv/from-file", "http://127.0.0.1:6000"), (fromFile.OutputRoot, fromFile.Urls));
        Assert.Equal(["/data/file-a", "/data/file-b"], fromFile.DataRoots);
        Assert.Equal("/srv/from-file/.cache", fromFile.CacheRoot);
        Assert.Equal("/srv/from-env", fromEnvironment.OutputRoot);
        Assert.Equal(["/data/env-a", "/data/env-b"], fromEnvironment.DataRoots);
        Assert.Equal("/srv/from-flag", fromFlags.OutputRoot);
        Assert.Equal(["/data/flag"], fromFlags.DataRoots);
    }

    [Fact]
    public void TheScenesFolderComesFromTheEnvironmentElseTheFileElseScenes()
    {
        IConfiguration file = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RenderFarm:Scenes"] = "/srv/scenes-file" }).Build();

        Assert.Equal(Path.GetFullPath("scenes"), ServerSettings.Resolve(FileSettings, NoFlags, _ => null).ScenesFolder);
        Assert.Equal("/srv/scenes-file", ServerSettings.Resolve(file, NoFlags, _ => null).ScenesFolder);
        Assert.Equal("/srv/scenes-env", ServerSettings.Resolve(file, NoFlags, v => v == "RENDERFARM_SCENES" ? "/srv/scenes-env" : null).ScenesFolder);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://render.example:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::]:5080")]
    public void ListeningBeyondLoopbackWithoutATokenIsRefused(string urls)
    {
        var error = Assert.Throws<RenderFarmException>(() => ServerSettings.Resolve(FileSettings, NoFlags with { Urls = urls }, _ => null));
        Assert.Contains("needs an API token", error.Message, StringComparison.Ordinal);

        ServerSettings withToken = ServerSettings.Resolve(FileSettings, NoFlags with { Urls = urls, Token = "t" }, _ => null);
        Assert.Equal("t", withToken.Token);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void LoopbackNeedsNoToken(string urls) => Assert.True(ServerSettings.ListensOnLoopbackOnly(urls));

    [Fact]
    public void StorageIsMemoryOrPostgres()
    {
        var error = Assert.Throws<RenderFarmException>(() => ServerSettings.Resolve(FileSettings, NoFlags with { Storage = "redis://x" }, _ => null));
        Assert.Contains("use 'memory'", error.Message, StringComparison.Ordinal);
        Assert.Equal("postgres://db/x", ServerSettings.Resolve(FileSettings, NoFlags with { Storage = "postgres://db/x" }, _ => null).Storage);
    }

    [Fact]
    public void APostgresUrlBecomesAnNpgsqlConnectionString()
    {
        var parsed = new Npgsql.NpgsqlConnectionStringBuilder(StorageFactory.ConnectionString("postgres://farm:p%40ss@db.example:6543/renders?Timeout=9"));

        Assert.Equal(("db.example", 6543, "renders", "farm", "p@ss", 9), (parsed.Host, parsed.Port, parsed.Database, parsed.Username, parsed.Password, parsed.Timeout));
        Assert.Equal("Host=h;Database=d", StorageFactory.ConnectionString("Host=h;Database=d"));
        Assert.Equal("PostgreSQL db.example:6543/renders", StorageFactory.Describe("postgres://farm:p%40ss@db.example:6543/renders"));
    }

    [Fact]
    public void AWorkerRefusesInMemoryStorage()
    {
        ServerSettings settings = ServerSettings.Resolve(FileSettings, NoFlags, _ => null);
        var error = Assert.Throws<RenderFarmException>(() => WorkerHost.Build(settings));
        Assert.Contains("in-memory storage lives inside one process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FramesPerChunkComesFromTheFlagTheEnvironmentOrTheFile()
    {
        IConfiguration file = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RenderFarm:FramesPerChunk"] = "90" }).Build();
        var environment = new Dictionary<string, string> { ["RENDERFARM_FRAMES_PER_CHUNK"] = "60" };

        Assert.Equal(150, ServerSettings.Resolve(FileSettings, NoFlags, _ => null).FramesPerChunk);
        Assert.Equal(90, ServerSettings.Resolve(file, NoFlags, _ => null).FramesPerChunk);
        Assert.Equal(60, ServerSettings.Resolve(file, NoFlags, environment.GetValueOrDefault).FramesPerChunk);
        Assert.Equal(30, ServerSettings.Resolve(file, NoFlags with { FramesPerChunk = 30 }, environment.GetValueOrDefault).FramesPerChunk);
        var error = Assert.Throws<RenderFarmException>(() => ServerSettings.Resolve(file, NoFlags with { FramesPerChunk = 0 }, _ => null));
        Assert.Contains("--frames-per-chunk 0", error.Message, StringComparison.Ordinal);
    }
}
