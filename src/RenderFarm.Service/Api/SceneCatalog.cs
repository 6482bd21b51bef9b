using System.Text.RegularExpressions;
using RenderFarm.Core;
using RenderFarm.Core.Scenes;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Api;

/// <summary>One file of the scenes folder: the scene it holds, or why it does not load.</summary>
public sealed record SceneFile(string Name, string Path, Scene? Scene, string? Error);

/// <summary>
/// The server's scenes folder (<see cref="ServerSettings.ScenesFolder"/>): the YAML and JSON files
/// directly in it, each known by its file name without extension. The operator puts them there,
/// so a name in a request is looked up here and never turned into a path by itself.
/// </summary>
public sealed partial class SceneCatalog(ServerSettings settings)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public string Folder => settings.ScenesFolder;

    /// <summary>Every scene file, by name; JSON Schemas (<c>*.schema.json</c>) and hidden files are not scenes.</summary>
    public IReadOnlyList<string> Paths() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder)
                .Where(IsSceneFile)
                .OrderBy(NameOf, StringComparer.Ordinal)
                .ThenBy(p => Array.IndexOf(Extensions, System.IO.Path.GetExtension(p)))
                .DistinctBy(NameOf)
                .ToArray()
            : [];

    public static string NameOf(string path) => System.IO.Path.GetFileNameWithoutExtension(path);

    /// <summary>The file named <paramref name="name"/>, or null: only a plain name matches, never a path.</summary>
    public string? PathOf(string name) =>
        NamePattern().IsMatch(name) ? Paths().FirstOrDefault(p => NameOf(p) == name) : null;

    /// <summary>Whether <paramref name="path"/> is one of the files of the scenes folder itself (links not followed out of it).</summary>
    public bool Contains(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        return System.IO.Path.GetDirectoryName(full) == System.IO.Path.GetFullPath(Folder).TrimEnd(System.IO.Path.DirectorySeparatorChar)
            && IsSceneFile(full)
            && new FileInfo(full).LinkTarget is null;
    }

    /// <summary>Loads every scene file; one that fails is kept with its error, so one bad file never hides the others.</summary>
    public IReadOnlyList<SceneFile> Load() => Paths().Select(Load).ToArray();

    public static SceneFile Load(string path)
    {
        try
        {
            return new SceneFile(NameOf(path), path, SceneLoader.Load(path), null);
        }
        catch (RenderFarmException e)
        {
            return new SceneFile(NameOf(path), path, null, e.Message);
        }
    }

    private static bool IsSceneFile(string path)
    {
        string file = System.IO.Path.GetFileName(path);
        return !file.StartsWith('.')
            && Extensions.Contains(System.IO.Path.GetExtension(file), StringComparer.Ordinal)
            && !file.EndsWith(".schema.json", StringComparison.Ordinal)
            && NamePattern().IsMatch(NameOf(file));
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
