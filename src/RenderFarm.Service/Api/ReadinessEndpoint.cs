using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RenderFarm.Encoding;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Service.Api;

/// <summary>One check of GET /readyz: what it found, or why it failed.</summary>
public sealed record ReadinessCheck(string Name, bool Ok, string Detail);

/// <summary>
/// GET /readyz: whether this machine can render now: the job storage answers, a Vulkan device
/// opens (lavapipe counts), ffmpeg is found. 200 when all hold, else 503 with what failed, so a
/// load balancer or an operator sees the reason.
/// </summary>
public static class ReadinessEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/readyz", (JobStorage storage) =>
    {
        ReadinessCheck[] checks =
        [
            Check("storage", () =>
            {
                using var connection = storage.GetConnection();
                return $"{storage.GetMonitoringApi().Servers().Count} Hangfire server(s)";
            }),
            Check("vulkan", () =>
            {
                using RenderDevice device = RenderDevice.Open();
                return device.Info.ToString();
            }),
            Check("ffmpeg", () => ExternalTools.Locate("ffmpeg")),
        ];
        return Results.Json(new { ready = checks.All(c => c.Ok), checks }, statusCode: checks.All(c => c.Ok) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    });

    private static ReadinessCheck Check(string name, Func<string> probe)
    {
        try
        {
            return new ReadinessCheck(name, true, probe());
        }
        catch (Exception e)
        {
            // Any failure means "not ready"; the message is the reason shown.
            return new ReadinessCheck(name, false, e.Message);
        }
    }
}
