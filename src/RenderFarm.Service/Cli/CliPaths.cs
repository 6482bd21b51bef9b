using RenderFarm.Embedding.Pipeline;

namespace RenderFarm.Service.Cli;

/// <summary>Resolves the output root and cache from flags, then environment, then defaults.</summary>
internal static class CliPaths
{
    public static string OutputRoot(string? flag) =>
        Path.GetFullPath(flag ?? Environment.GetEnvironmentVariable("RENDERFARM_OUTPUT") ?? "output");

    /// <summary>
    /// Items per cache chunk from RENDERFARM_CACHE_FLUSH_ITEMS (default 8192). Smaller loses less
    /// work when a run is killed; tests use it to kill a run between chunks.
    /// </summary>
    public static int CacheFlushEvery() =>
        int.TryParse(Environment.GetEnvironmentVariable("RENDERFARM_CACHE_FLUSH_ITEMS"), out int items) && items > 0 ? items : 8192;

    public static string CacheRoot(string? flag, string outputRoot) =>
        Path.GetFullPath(flag ?? Environment.GetEnvironmentVariable("RENDERFARM_CACHE") ?? Path.Combine(outputRoot, ".cache"));

    /// <summary>Where the embed stage writes, with the cache chunk size from the environment.</summary>
    public static EmbedOptions EmbedOptions(string outputRoot, string cacheRoot) =>
        new(outputRoot, cacheRoot) { CacheFlushEvery = CacheFlushEvery() };
}
