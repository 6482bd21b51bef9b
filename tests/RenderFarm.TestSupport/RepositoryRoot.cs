namespace RenderFarm.TestSupport;

/// <summary>The repository's root folder, found by walking up from the test binaries to RenderFarm.sln.</summary>
public static class RepositoryRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RenderFarm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RenderFarm.sln not found above " + AppContext.BaseDirectory);
    }
}
