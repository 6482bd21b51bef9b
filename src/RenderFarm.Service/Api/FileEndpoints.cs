using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace RenderFarm.Service.Api;

/// <summary>
/// GET /files/{path}: any output under the output root, e.g. /files/SCENE/latest/poster.png, with
/// range requests (browsers seek in an MP4 by asking for byte ranges) and the file's content type.
/// </summary>
public static class FileEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(OutputFiles.Prefix + "/{**path}", Serve);

    private static IResult Serve(HttpContext context, OutputFiles files)
    {
        // The raw path, decoded here once: routing leaves %2F encoded, so "..%2F" would otherwise slip past as one segment.
        string raw = context.Request.Path.Value ?? "";
        string requested = Uri.UnescapeDataString(raw.Length > OutputFiles.Prefix.Length ? raw[(OutputFiles.Prefix.Length + 1)..] : "");
        if (files.Resolve(requested, out string? refusal) is not { } path)
        {
            return refusal is not null
                ? Results.BadRequest(new ErrorView(refusal))
                : Results.NotFound(new ErrorView($"no file '{requested}' under the output root."));
        }

        // Outputs are ours, but a file is never rendered as a page of this site: no sniffing, no scripts.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "sandbox";
        string type = ContentTypes.TryGetContentType(path, out string? known) ? known : "application/octet-stream";
        return Results.File(path, type, enableRangeProcessing: true, lastModified: File.GetLastWriteTimeUtc(path));
    }
}
