using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace RenderFarm.Service.Server;

/// <summary>
/// The bearer token check for everything that shows or changes renders: /api, /hangfire, the
/// gallery at / and the outputs under /files (the gallery shows what GET /api/renders lists, so it
/// is guarded alike; /healthz, /readyz and the OpenAPI document stay open). Browsers cannot add a
/// header, so <c>?token=T</c> on the dashboard, the gallery or a file once sets an HttpOnly,
/// SameSite=Strict cookie; outside the dashboard (whose forms carry Hangfire's anti-forgery token)
/// the cookie only opens reading requests, so a page elsewhere can never make a browser submit or cancel.
/// </summary>
public static class ApiToken
{
    public const string CookieName = "renderfarm_token";

    /// <summary>Rejects guarded requests without the token with 401; everything else passes.</summary>
    public static async Task Middleware(HttpContext context, Func<Task> next, string? token)
    {
        PathString path = context.Request.Path;
        bool dashboard = path.StartsWithSegments(RenderServer.DashboardPath);
        bool browsable = dashboard || IsGallery(path) || path.StartsWithSegments("/files");
        bool guarded = browsable || path.StartsWithSegments("/api");
        bool reading = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (token is null || !guarded || Presented(context, token, allowCookie: dashboard || reading))
        {
            await next().ConfigureAwait(false);
            return;
        }

        if (browsable && reading && Matches(context.Request.Query["token"].ToString(), token))
        {
            context.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Secure = context.Request.IsHttps,
            });
            // The same page without the token in its address (history, Referer).
            context.Response.Redirect(context.Request.PathBase + path);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsJsonAsync(new { error = "this server needs its API token: send 'Authorization: Bearer TOKEN' (in a browser: open /?token=TOKEN or /hangfire?token=TOKEN once)" }).ConfigureAwait(false);
    }

    /// <summary>The Authorization header's bearer token, or (when <paramref name="allowCookie"/>) the browser cookie, equals <paramref name="token"/>.</summary>
    public static bool Presented(HttpContext context, string token, bool allowCookie = true)
    {
        string header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && Matches(header[scheme.Length..].Trim(), token))
        {
            return true;
        }

        return allowCookie && context.Request.Cookies.TryGetValue(CookieName, out string? cookie) && Matches(cookie, token);
    }

    private static bool IsGallery(PathString path) => !path.HasValue || path.Value == "/";

    /// <summary>Constant-time, so response times do not reveal how much of a guess was right.</summary>
    private static bool Matches(string? presented, string token) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(token));
}
