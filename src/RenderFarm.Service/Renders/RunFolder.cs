using System.Globalization;

namespace RenderFarm.Service.Renders;

/// <summary>
/// Where one render run writes: <c>OUTPUT/&lt;scene&gt;/&lt;run&gt;/</c>, the run named by its UTC start
/// time and the scene's hash so runs sort by time and two renders of different scene versions
/// never share a folder.
/// </summary>
public sealed record RunFolder(string SceneFolder, string RunId, string Path)
{
    public static RunFolder Create(string sceneFolder, string sceneHash, DateTimeOffset startedUtc)
    {
        string stamp = startedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string baseId = $"{stamp}-{sceneHash[..Math.Min(8, sceneHash.Length)]}";
        // Two runs of one scene within a second get -2, -3, ...: a run folder is never reused.
        for (int attempt = 1; ; attempt++)
        {
            string id = attempt == 1 ? baseId : $"{baseId}-{attempt}";
            string path = System.IO.Path.Combine(sceneFolder, id);
            if (Directory.Exists(path))
            {
                continue;
            }

            Directory.CreateDirectory(path);
            return new RunFolder(sceneFolder, id, path);
        }
    }

    /// <summary>An existing run folder from its path (OUTPUT/&lt;scene&gt;/&lt;run&gt;).</summary>
    public static RunFolder At(string path) =>
        new(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileName(path), path);

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
