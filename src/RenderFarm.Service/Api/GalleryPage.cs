using System.Globalization;
using System.Text;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Server;
using static System.Net.WebUtility;

namespace RenderFarm.Service.Api;

/// <summary>
/// GET /: the newest renders as one server-rendered HTML page (no scripts, no external assets, so
/// nothing to build or fetch): scene, state, stage and progress, posters as images and MP4s as
/// playable videos served by /files, links to each render's JSON and to the dashboard. Every value
/// that comes from a scene or a file name is HTML-encoded. While a render is unfinished the page
/// reloads itself every few seconds.
/// </summary>
public static class GalleryPage
{
    public const int PageSize = 20;

    private static readonly string[] Images = [".png", ".jpg", ".jpeg", ".webp"];

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/", (RenderStore store, JobStorage storage, OutputFiles files, int? page) =>
    {
        int number = Math.Max(1, page ?? 1);
        IReadOnlyList<RenderRecord> records = store.Recent((number - 1) * PageSize, PageSize + 1);
        var html = new StringBuilder();
        var rows = records.Take(PageSize).Select(r => (Record: r, Status: RenderStatus.Read(storage, r, File.Exists(Path.Combine(r.RunFolder, Renders.RenderManifest.FileName))))).ToArray();
        Head(html, refresh: rows.Any(r => !r.Status.IsFinished));
        html.Append("<h1>RenderFarm</h1><nav><a href=\"").Append(RenderServer.DashboardPath).Append("\">jobs dashboard</a> · <a href=\"/api/renders\">renders (JSON)</a> · <a href=\"/api/scenes\">scenes (JSON)</a></nav>\n");
        if (rows.Length == 0)
        {
            html.Append("<p class=\"empty\">No renders yet: POST a scene to /api/renders.</p>\n");
        }

        foreach ((RenderRecord record, RenderStatus status) in rows)
        {
            Row(html, record, status, files);
        }

        html.Append("<nav class=\"pages\">");
        if (number > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a rel=\"prev\" href=\"/?page={number - 1}\">newer</a> ");
        }

        html.Append(CultureInfo.InvariantCulture, $"<span>page {number}</span>");
        if (records.Count > PageSize)
        {
            html.Append(CultureInfo.InvariantCulture, $" <a rel=\"next\" href=\"/?page={number + 1}\">older</a>");
        }

        html.Append("</nav>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    });

    private static void Row(StringBuilder html, RenderRecord record, RenderStatus status, OutputFiles files)
    {
        string progress = status.Stage is { } stage
            ? HtmlEncode(stage) + (status.Percent is { } p ? string.Create(CultureInfo.InvariantCulture, $" {p:0}%") : "")
            : "";
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"render\" id=\"r-{record.Id}\" data-id=\"{record.Id}\" data-state=\"{status.State}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<header><h2 class=\"scene\">{HtmlEncode(record.Scene)}</h2> <span class=\"state {status.State}\">{status.State}</span> <span class=\"stage\">{progress}</span>")
            .Append(CultureInfo.InvariantCulture, $" <time datetime=\"{record.CreatedUtc:O}\">{record.CreatedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</time>")
            .Append(CultureInfo.InvariantCulture, $" <a class=\"json\" href=\"/api/renders/{record.Id}\">{record.Id}</a></header>\n");
        if (status.Error is { } error)
        {
            html.Append("<p class=\"error\">").Append(HtmlEncode(error)).Append("</p>\n");
        }

        html.Append("<div class=\"outputs\">");
        // Pictures first, then videos, then the rest (manifest, reports) as links.
        foreach (FileInfo file in OutputFiles.RunFiles(record).OrderBy(f => Images.Contains(f.Extension.ToLowerInvariant()) ? 0 : f.Extension.Equals(".mp4", StringComparison.OrdinalIgnoreCase) ? 1 : 2))
        {
            if (files.UrlOf(file.FullName) is not { } url)
            {
                continue;
            }

            string src = HtmlEncode(url);
            string name = HtmlEncode(file.Name);
            string extension = file.Extension.ToLowerInvariant();
            if (Images.Contains(extension))
            {
                html.Append(CultureInfo.InvariantCulture, $"<figure><a href=\"{src}\"><img class=\"poster\" src=\"{src}\" alt=\"{name}\" loading=\"lazy\"></a><figcaption>{name}</figcaption></figure>");
            }
            else if (extension == ".mp4")
            {
                html.Append(CultureInfo.InvariantCulture, $"<figure><video class=\"video\" controls preload=\"metadata\" src=\"{src}\"></video><figcaption><a href=\"{src}\">{name}</a></figcaption></figure>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<a class=\"file\" href=\"{src}\">{name}</a> ");
            }
        }

        html.Append("</div>\n</article>\n");
    }

    private static void Head(StringBuilder html, bool refresh)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"5\">\n");
        }

        html.Append("""
            <title>RenderFarm renders</title>
            <style>
            body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; background: #16181c; color: #e6e6e6; }
            a { color: #8cb4ff; }
            nav { margin-bottom: 1rem; }
            article.render { border-top: 1px solid #333; padding: .75rem 0; }
            header h2 { display: inline; font-size: 1.1rem; margin: 0 .5rem 0 0; }
            .state { padding: .1rem .45rem; border-radius: .3rem; background: #444; font-size: .85rem; }
            .state.succeeded { background: #1f6f3a; } .state.failed { background: #8a2323; }
            .state.running, .state.cancelling { background: #8a6a12; } .state.cancelled { background: #555; }
            .stage, time { color: #aaa; font-size: .85rem; margin-left: .5rem; }
            .outputs { display: flex; flex-wrap: wrap; gap: 1rem; margin-top: .5rem; align-items: flex-start; }
            figure { margin: 0; } figcaption { font-size: .8rem; color: #aaa; }
            img.poster, video.video { max-width: 480px; max-height: 360px; background: #000; display: block; }
            .error { color: #ff9d9d; white-space: pre-wrap; }
            </style>
            </head>
            <body>

            """);
    }
}
