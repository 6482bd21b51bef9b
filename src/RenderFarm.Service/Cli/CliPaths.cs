namespace RenderFarm.Service.Cli;

/// <summary>Resolves the output root and cache from flags, then environment, then defaults.</summary>
internal static class CliPaths
{
    public static string OutputRoot(string? flag) =>
        Path.GetFullPath(flag ?? Environment.GetEnvironmentVariable("RENDERFARM_OUTPUT") ?? "output");

    public static string CacheRoot(string? flag, string outputRoot) =>
        Path.GetFullPath(flag ?? Environment.GetEnvironmentVariable("RENDERFARM_CACHE") ?? Path.Combine(outputRoot, ".cache"));
}
