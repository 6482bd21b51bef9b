using System.Text.Json;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Api;

[Collection(ServiceCollection.Name)]
public sealed class OpenApiTests(RunningServer server)
{
    [Fact]
    public async Task TheOpenApiDocumentListsTheEndpoints()
    {
        using JsonDocument document = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/renders", paths);
        Assert.Contains("/api/renders/{id}/files/{name}", paths);
        Assert.Contains("/api/schedules", paths);
    }
}
