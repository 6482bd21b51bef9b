using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using RenderFarm.Core;

namespace RenderFarm.Service.Server;

/// <summary>
/// What `renderfarm serve` needs: where it listens, which storage Hangfire uses, the API token, the
/// folders submitted scenes may read from, and where renders and the cache go. Each value comes
/// from a flag, else a RENDERFARM_* environment variable, else appsettings.json ("RenderFarm"
/// section), else a default.
/// </summary>
public sealed record ServerSettings
{
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>"memory" (Hangfire.InMemory), or a PostgreSQL URL or connection string (see <see cref="StorageFactory"/>).</summary>
    public string Storage { get; init; } = "memory";

    /// <summary>Bearer token for the API and the dashboard; null: none (then only loopback may listen).</summary>
    public string? Token { get; init; }

    /// <summary>Absolute folders that scene files and the datasets and models they name must lie in.</summary>
    public required IReadOnlyList<string> DataRoots { get; init; }

    public required string OutputRoot { get; init; }

    public required string CacheRoot { get; init; }

    /// <summary>The scene files of this server: POST /api/renders takes their names, GET /api/scenes lists them, and their <c>schedule:</c> keys become recurring jobs.</summary>
    public string ScenesFolder { get; init; } = Path.GetFullPath("scenes");

    /// <summary>Workers on the `render` queue: 1, since one render already uses every core; 0 for an API-only `serve`.</summary>
    public int RenderWorkers { get; init; } = 1;

    /// <summary>Workers on the `default` queue (finalising, bookkeeping).</summary>
    public int LightWorkers { get; init; } = 2;

    public long MaxRequestBytes { get; init; } = 1 << 20;

    /// <summary>Largest poster a request may ask for: 16384² by default (a 1 GiB RGBA frame).</summary>
    public long MaxImagePixels { get; init; } = 16384L * 16384;

    /// <summary>Largest video frame: 4096×2160 by default.</summary>
    public long MaxVideoPixels { get; init; } = 4096L * 2160;

    /// <summary>Most frames in one video: 10 minutes at 60 fps by default.</summary>
    public int MaxVideoFrames { get; init; } = 36_000;

    /// <summary>
    /// PostgreSQL storage: how long a job fetched by a worker that stopped sending heartbeats (killed,
    /// cut off) stays invisible before another worker gets it. Shorter re-delivers sooner; the
    /// heartbeat of a live worker must fit well inside it.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Frames per chunk job of a video (--frames-per-chunk, RENDERFARM_FRAMES_PER_CHUNK, "FramesPerChunk"):
    /// a video is split into ranges of this many frames, rendered by whichever workers are free and
    /// joined by stream copy. 150 (5 s at 30 fps) keeps a chunk's fixed cost (loading the layouts,
    /// opening the device) small beside its frames while a 1-minute video still spreads over 12 jobs.
    /// </summary>
    public int FramesPerChunk { get; init; } = 150;

    /// <summary>Items per embedding-cache chunk (RENDERFARM_CACHE_FLUSH_ITEMS, as the CLI).</summary>
    public int CacheFlushEvery { get; init; } = 8192;

    /// <summary>Flags given on the command line; null means "not given".</summary>
    public sealed record Flags(string? Urls, string? Storage, string? Token, IReadOnlyList<string> DataRoots, string? Output, string? Cache, int? FramesPerChunk = null);

    /// <summary>Flags over environment over configuration over defaults; relative paths resolve against the working folder.</summary>
    public static ServerSettings Resolve(IConfiguration configuration, Flags flags, Func<string, string?> environment)
    {
        IConfigurationSection section = configuration.GetSection("RenderFarm");
        string? Pick(string? flag, string variable, string key) =>
            NonEmpty(flag) ?? NonEmpty(environment(variable)) ?? NonEmpty(section[key]);

        string output = Path.GetFullPath(Pick(flags.Output, "RENDERFARM_OUTPUT", "Output") ?? "output");
        string cache = Path.GetFullPath(Pick(flags.Cache, "RENDERFARM_CACHE", "Cache") ?? Path.Combine(output, ".cache"));
        IEnumerable<string> roots = flags.DataRoots.Count > 0
            ? flags.DataRoots
            : NonEmpty(environment("RENDERFARM_DATA_ROOTS")) is { } variable
                ? variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                : section.GetSection("DataRoots").GetChildren().Select(c => c.Value ?? "");
        var settings = new ServerSettings
        {
            Urls = Pick(flags.Urls, "RENDERFARM_URLS", "Urls") ?? "http://127.0.0.1:5080",
            Storage = Pick(flags.Storage, "RENDERFARM_STORAGE", "Storage") ?? "memory",
            Token = Pick(flags.Token, "RENDERFARM_TOKEN", "Token"),
            DataRoots = roots.Where(r => r.Length > 0).Select(Path.GetFullPath).ToArray(),
            OutputRoot = output,
            CacheRoot = cache,
            ScenesFolder = Path.GetFullPath(Pick(null, "RENDERFARM_SCENES", "Scenes") ?? "scenes"),
            RenderWorkers = Number(section["RenderWorkers"], 1, allowZero: true),
            LightWorkers = Number(section["LightWorkers"], 2),
            MaxRequestBytes = Number(section["MaxRequestBytes"], 1 << 20),
            MaxImagePixels = LongNumber(section["MaxImagePixels"], 16384L * 16384),
            MaxVideoPixels = LongNumber(section["MaxVideoPixels"], 4096L * 2160),
            MaxVideoFrames = Number(section["MaxVideoFrames"], 36_000),
            InvisibilityTimeout = TimeSpan.FromSeconds(Number(NonEmpty(environment("RENDERFARM_INVISIBILITY_SECONDS")) ?? section["InvisibilitySeconds"], 300)),
            CacheFlushEvery = Number(environment("RENDERFARM_CACHE_FLUSH_ITEMS"), 8192),
            FramesPerChunk = flags.FramesPerChunk ?? Number(NonEmpty(environment("RENDERFARM_FRAMES_PER_CHUNK")) ?? section["FramesPerChunk"], 150),
        };
        settings.Check();
        return settings;
    }

    /// <summary>Refuses settings that would expose the service or cannot work, with what to change.</summary>
    public void Check()
    {
        if (!StorageFactory.IsMemory(Storage) && !StorageFactory.IsPostgres(Storage))
        {
            throw new RenderFarmException($"--storage {Storage}: use 'memory' (Hangfire.InMemory, one process) or PostgreSQL (postgres://user:password@host:5432/database) shared with `renderfarm worker` processes.");
        }

        if (Token is null && !ListensOnLoopbackOnly(Urls))
        {
            throw new RenderFarmException($"--urls {Urls}: listening beyond loopback needs an API token (--token or RENDERFARM_TOKEN), or anyone who can reach the port could submit renders and open the dashboard.");
        }

        if (FramesPerChunk < 1)
        {
            throw new RenderFarmException($"--frames-per-chunk {FramesPerChunk}: a video chunk needs at least 1 frame.");
        }

        if (RenderWorkers < 0 || LightWorkers < 1)
        {
            throw new RenderFarmException("RenderWorkers must be at least 0 (0: leave rendering to `worker` processes) and LightWorkers at least 1.");
        }
    }

    /// <summary>True when every URL binds a loopback address (localhost, 127.x, ::1); "*", "+", 0.0.0.0 and host names are not.</summary>
    public static bool ListensOnLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        {
            // Uri cannot parse "http://*:80" or "http://+:80": those bind everything, so they are not loopback.
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
            {
                return false;
            }

            return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
        });

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static long LongNumber(string? text, long fallback) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : fallback;

    private static int Number(string? text, int fallback, bool allowZero = false) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (value > 0 || (allowZero && value == 0)) ? value : fallback;
}
