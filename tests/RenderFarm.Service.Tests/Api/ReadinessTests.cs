using System.Net;
using System.Text.Json;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Api;

[Collection(ServiceCollection.Name)]
public sealed class ReadinessTests(RunningServer server)
{
    /// <summary>The test machines have lavapipe and ffmpeg (the render tests need them too).</summary>
    [Fact]
    public async Task ReadyWhenStorageVulkanAndFfmpegAreThere()
    {
        HttpResponseMessage response = await server.Client.GetAsync("/readyz");

        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.RootElement.ToString());
        Assert.Equal(["storage", "vulkan", "ffmpeg"], body.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }
}
