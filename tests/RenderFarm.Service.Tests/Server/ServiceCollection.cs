namespace RenderFarm.Service.Tests.Server;

/// <summary>
/// The tests that render through one shared server: a collection runs its tests one at a time,
/// and the server's single render worker would serialise them anyway.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<RunningServer>
{
    public const string Name = "render service";
}
