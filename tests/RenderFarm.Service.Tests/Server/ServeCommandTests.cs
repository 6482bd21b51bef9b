using RenderFarm.Service.Tests.Cli;

namespace RenderFarm.Service.Tests.Server;

/// <summary>`renderfarm serve` refuses settings that would expose it or cannot work, as a user error before binding any port.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void ListeningOnEveryInterfaceWithoutATokenIsAUserError()
    {
        CliRun run = CliRun.Of("serve", "--urls", "http://0.0.0.0:5080");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: --urls http://0.0.0.0:5080: listening beyond loopback needs an API token", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStorageIsAUserError()
    {
        CliRun run = CliRun.Of("serve", "--storage", "redis://localhost");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--storage redis://localhost", run.Error, StringComparison.Ordinal);
    }
}
