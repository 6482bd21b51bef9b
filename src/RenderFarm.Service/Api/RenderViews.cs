using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Api;

/// <summary>POST /api/renders: the name of a file in the scenes folder, a scene file under a data root, or a scene's YAML/JSON text.</summary>
public sealed record RenderRequest(string? Scene, string? SceneYaml);

/// <summary>GET /api/renders/{id}: state, where the render is, and its files with download URLs.</summary>
public sealed record RenderView(
    string Id, string Scene, string State, string? Stage, double? Percent, double? EtaSeconds, string? Error,
    DateTimeOffset CreatedUtc, string Url, IReadOnlyList<FileView> Files, IReadOnlyList<JobStatus> Jobs);

/// <summary>A file of the run folder: <see cref="Url"/> downloads it by render id; <see cref="FilesUrl"/> is its place under /files, which a page can link to.</summary>
public sealed record FileView(string Name, long Bytes, string Url, string? FilesUrl);

/// <summary>A line of GET /api/renders.</summary>
public sealed record RenderSummary(string Id, string Scene, string State, string? Stage, DateTimeOffset CreatedUtc, string Url);

public sealed record ErrorView(string Error);
