using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace RenderFarm.Service.Server;

/// <summary>
/// The bearer token check for /api and /hangfire. Browsers cannot add a header to the dashboard's
/// requests, so <c>/hangfire?token=T</c> once sets an HttpOnly cookie for the dashboard's path.
/// </summary>
public static class ApiToken
{
    public const string CookieName = "renderfarm_token";

    /// <summary>Rejects /api and /hangfire requests without the token with 401; everything else passes.</summary>
    public static async Task Middleware(HttpContext context, Func<Task> next, string? token)
    {
        PathString path = context.Request.Path;
        bool guarded = path.StartsWithSegments("/api") || path.StartsWithSegments(RenderServer.DashboardPath);
        if (token is null || !guarded || Presented(context, token))
        {
            await next().ConfigureAwait(false);
            return;
        }

        if (path.StartsWithSegments(RenderServer.DashboardPath) && Matches(context.Request.Query["token"].ToString(), token))
        {
            context.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = RenderServer.DashboardPath,
                Secure = context.Request.IsHttps,
            });
            context.Response.Redirect(RenderServer.DashboardPath);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsJsonAsync(new { error = "this server needs its API token: send 'Authorization: Bearer TOKEN' (the dashboard: open /hangfire?token=TOKEN once)" }).ConfigureAwait(false);
    }

    /// <summary>The Authorization header's bearer token, or the dashboard cookie, equals <paramref name="token"/>.</summary>
    public static bool Presented(HttpContext context, string token)
    {
        string header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && Matches(header[scheme.Length..].Trim(), token))
        {
            return true;
        }

        return context.Request.Cookies.TryGetValue(CookieName, out string? cookie) && Matches(cookie, token);
    }

    /// <summary>Constant-time, so response times do not reveal how much of a guess was right.</summary>
    private static bool Matches(string? presented, string token) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(token));
}
