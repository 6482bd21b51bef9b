using System.Net;
using Hangfire.Dashboard;

namespace RenderFarm.Service.Server;

/// <summary>
/// Who may open the Hangfire dashboard: with a token configured, whoever presents it; without
/// one, only direct loopback requests. Hangfire's own "local requests" rule also lets through
/// anything a reverse proxy on the same host forwards, so requests carrying forwarding headers are
/// refused here even from loopback.
/// </summary>
public sealed class DashboardAccess(string? token) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (token is not null)
        {
            return ApiToken.Presented(http, token);
        }

        bool forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded");
        return !forwarded && http.Connection.RemoteIpAddress is IPAddress remote && IPAddress.IsLoopback(remote);
    }
}
