using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using RenderFarm.Core;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Renders;

namespace RenderFarm.Service.Api;

/// <summary>The JSON API under /api/renders: submit, read, list, download, cancel.</summary>
public static class RenderEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder renders = app.MapGroup("/api/renders");
        renders.MapPost("", Submit);
        renders.MapGet("", List);
        renders.MapGet("/{id}", Get);
        renders.MapGet("/{id}/files/{name}", Download);
        renders.MapDelete("/{id}", Cancel);
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
    }

    private static IResult Submit(RenderRequest request, RenderSubmission submission, JobStorage storage, OutputFiles files)
    {
        try
        {
            RenderRecord record = submission.Submit(request);
            return Results.Accepted(Url(record.Id), View(record, storage, files));
        }
        catch (RenderFarmException e)
        {
            return Results.BadRequest(new ErrorView(e.Message));
        }
        catch (Encoding.EncodingException e)
        {
            // ffmpeg missing on the server: not the request's fault.
            return Results.Json(new ErrorView(e.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult List(RenderStore store, JobStorage storage, int? offset, int? limit)
    {
        var page = store.Recent(Math.Max(0, offset ?? 0), Math.Clamp(limit ?? 50, 1, 500));
        return Results.Ok(page.Select(r =>
        {
            RenderStatus status = Status(r, storage);
            return new RenderSummary(r.Id, r.Scene, status.State, status.Stage, r.CreatedUtc, Url(r.Id));
        }).ToArray());
    }

    private static IResult Get(string id, RenderStore store, JobStorage storage, OutputFiles files) =>
        store.Find(id) is { } record ? Results.Ok(View(record, storage, files)) : NotFound(id);

    /// <summary>Only a plain file name of the run folder: no separators, no "..", nothing reached through a link out of it.</summary>
    private static IResult Download(string id, string name, RenderStore store)
    {
        if (store.Find(id) is not { } record)
        {
            return NotFound(id);
        }

        string decoded = Uri.UnescapeDataString(name);
        if (decoded is "." or ".." || decoded.Length == 0 || decoded != Path.GetFileName(decoded) || decoded.Contains('\\'))
        {
            return Results.BadRequest(new ErrorView($"'{decoded}' is not a file name of render {id}: only names listed in its 'files' can be downloaded."));
        }

        string path = Path.Combine(record.RunFolder, decoded);
        if (!File.Exists(path) || !Server.DataRootGuard.IsInside(Server.DataRootGuard.RealPath(path), Server.DataRootGuard.RealPath(record.RunFolder)))
        {
            return Results.NotFound(new ErrorView($"render {id} has no file '{decoded}'."));
        }

        string type = new FileExtensionContentTypeProvider().TryGetContentType(path, out string? known) ? known : "application/octet-stream";
        // Range requests, so a browser can seek in an MP4 without fetching all of it.
        return Results.File(path, type, decoded, enableRangeProcessing: true);
    }

    /// <summary>Deletes every unfinished job of the chain; the running one sees its CancellationToken fire within about a second.</summary>
    private static IResult Cancel(string id, RenderStore store, JobStorage storage, IBackgroundJobClient client, OutputFiles files)
    {
        if (store.Find(id) is not { } record)
        {
            return NotFound(id);
        }

        RenderStatus status = Status(record, storage);
        if (status.IsFinished)
        {
            return Results.Conflict(new ErrorView($"render {id} has already {status.State}."));
        }

        record = record with { CancelRequestedUtc = DateTimeOffset.UtcNow };
        store.Save(record);
        foreach (JobStatus job in status.Jobs.Where(j => j.State != SucceededState.StateName && j.State != DeletedState.StateName))
        {
            client.Delete(job.JobId);
        }

        return Results.Accepted(Url(id), View(record, storage, files));
    }

    private static RenderView View(RenderRecord record, JobStorage storage, OutputFiles outputs)
    {
        RenderStatus status = Status(record, storage);
        FileView[] files = OutputFiles.RunFiles(record)
            .Select(f => new FileView(f.Name, f.Length, $"{Url(record.Id)}/files/{Uri.EscapeDataString(f.Name)}", outputs.UrlOf(f.FullName)))
            .ToArray();
        return new RenderView(record.Id, record.Scene, status.State, status.Stage, status.Percent, status.EtaSeconds, status.Error,
            record.CreatedUtc, Url(record.Id), files, status.Jobs);
    }

    private static RenderStatus Status(RenderRecord record, JobStorage storage) =>
        RenderStatus.Read(storage, record, File.Exists(Path.Combine(record.RunFolder, RenderManifest.FileName)));

    private static string Url(string id) => $"/api/renders/{id}";

    private static IResult NotFound(string id) => Results.NotFound(new ErrorView($"no render '{id}'."));
}
