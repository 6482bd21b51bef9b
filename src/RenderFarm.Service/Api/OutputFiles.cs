using RenderFarm.Core.Artifacts;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Api;

/// <summary>
/// The output root as GET /files serves it: which request paths name a file there, and the
/// /files URL of a file written there. Hidden names (a segment starting with '.') are never
/// served: OUTPUT/.renders holds records and inline scenes, .schedules and .cache the service's
/// own state. Nor are temp files (<see cref="AtomicFile"/>'s "*.tmp-*"), which are half-written.
/// </summary>
public sealed class OutputFiles(ServerSettings settings)
{
    public const string Prefix = "/files";

    /// <summary>
    /// The real path of the file <paramref name="requested"/> (relative to the output root, already
    /// percent-decoded) names, or null with why: anything that is not plain relative segments, or
    /// that resolves (links followed, the <c>latest</c> link included) outside the root or into a hidden folder.
    /// </summary>
    public string? Resolve(string requested, out string? refusal)
    {
        refusal = Refusal(requested);
        if (refusal is not null)
        {
            return null;
        }

        string root = DataRootGuard.RealPath(settings.OutputRoot);
        string real = DataRootGuard.RealPath(Path.Combine(root, requested));
        if (!DataRootGuard.IsInside(real, root) || real == root || Path.GetRelativePath(root, real).Split(Path.DirectorySeparatorChar).Any(IsHidden))
        {
            // Reached through a link: say no more than "not found" about where it leads.
            return null;
        }

        return File.Exists(real) && !AtomicFile.IsTempFile(real) ? real : null;
    }

    /// <summary>The /files URL of <paramref name="path"/>, or null when it is not a servable file under the output root.</summary>
    public string? UrlOf(string path)
    {
        string relative = Path.GetRelativePath(settings.OutputRoot, path);
        string[] segments = relative.Split(Path.DirectorySeparatorChar);
        return Path.IsPathRooted(relative) || segments.Any(s => s == ".." || IsHidden(s))
            ? null
            : Prefix + "/" + string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>The files of a render's run folder, finished ones only, by name.</summary>
    public static IReadOnlyList<FileInfo> RunFiles(RenderRecord record) =>
        Directory.Exists(record.RunFolder)
            ? new DirectoryInfo(record.RunFolder).GetFiles()
                .Where(f => !AtomicFile.IsTempFile(f.FullName) && !IsHidden(f.Name))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToArray()
            : [];

    private static string? Refusal(string requested)
    {
        if (requested.Length == 0)
        {
            return "name a file under the output root, e.g. /files/SCENE/latest/poster.png";
        }

        if (requested.Contains('\\') || requested.Contains('\0') || Path.IsPathRooted(requested))
        {
            return $"'{requested}' is not a relative path under the output root";
        }

        string[] segments = requested.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            return $"'{requested}': empty, '.' and '..' segments are not allowed";
        }

        return segments.Any(IsHidden) ? $"'{requested}': hidden files and folders (.renders, .cache, ...) are not served" : null;
    }

    private static bool IsHidden(string segment) => segment.StartsWith('.');
}
