using RenderFarm.Core;

namespace RenderFarm.Service.Server;

/// <summary>
/// Keeps submitted scenes inside the configured data roots: a path is resolved to its real
/// location (every symbolic link along it followed, ".." collapsed) before it is compared, so
/// neither "../" nor a link pointing out of a root can reach other files of the machine.
/// </summary>
public sealed class DataRootGuard(IReadOnlyList<string> roots)
{
    private readonly string[] _roots = roots.Select(root => RealPath(root)).ToArray();

    /// <summary>Throws a <see cref="RenderFarmException"/> naming <paramref name="what"/> when <paramref name="path"/> resolves outside every root.</summary>
    public void Check(string path, string what)
    {
        string real = RealPath(path);
        if (!_roots.Any(root => IsInside(real, root)))
        {
            string allowed = _roots.Length == 0 ? "none are configured (RenderFarm:DataRoots, RENDERFARM_DATA_ROOTS or --data-root)" : string.Join(", ", _roots);
            throw new RenderFarmException($"{what} {path} is outside the server's data roots ({allowed}); put the data under one of them.");
        }
    }

    public static bool IsInside(string path, string root)
    {
        string prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path == root || path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The absolute path with every existing component's link resolved; components that do not exist are kept as written.</summary>
    public static string RealPath(string path) => RealPath(path, depth: 0);

    private static string RealPath(string path, int depth)
    {
        if (depth > 32)
        {
            throw new RenderFarmException($"{path}: too many levels of symbolic links.");
        }

        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            // The link's final target can sit under folders that are links themselves: resolve it again.
            current = info.Exists && info.LinkTarget is not null
                ? RealPath(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName, depth + 1)
                : next;
        }

        return current;
    }
}
