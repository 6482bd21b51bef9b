using System.Net;

namespace RenderFarm.Service.Tests.Server;

/// <summary>Without a token the dashboard answers direct loopback requests only, never ones a proxy forwarded.</summary>
[Collection(ServiceCollection.Name)]
public sealed class DashboardAccessTests(RunningServer server)
{
    [Fact]
    public async Task LoopbackOpensTheDashboardButAForwardedRequestDoesNot()
    {
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/hangfire")).StatusCode);

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.SendAsync(forwarded)).StatusCode);
    }
}
