using System.Runtime.InteropServices;

namespace RenderFarm.Service.Renders;

/// <summary>
/// <c>OUTPUT/&lt;scene&gt;/latest</c>: a relative symbolic link to the newest good run folder of a
/// scene, so a web server, a script or the next incremental run finds it by one fixed path. It is
/// replaced with rename(2), which swaps a link atomically: a reader sees the old run or the new one,
/// never a missing link. (.NET's File.Move refuses a link to a directory, hence the libc call.)
/// </summary>
public static partial class LatestPointer
{
    public const string Name = "latest";

    /// <summary>Points <c>latest</c> in the run's scene folder at it, unless a newer run already holds it.</summary>
    public static void Update(RunFolder run)
    {
        string link = Path.Combine(run.SceneFolder, Name);
        // Run ids sort by start time: a slow run finishing after a newer one must not take latest back.
        if (Read(run.SceneFolder) is { } current && string.CompareOrdinal(Path.GetFileName(current), run.RunId) > 0)
        {
            return;
        }

        string temp = Path.Combine(run.SceneFolder, $".{Name}.tmp-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(temp, run.RunId);
        if (Rename(temp, link) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            File.Delete(temp);
            throw new IOException($"could not point {link} at {run.RunId}: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }

    /// <summary>The full path of the run folder <c>latest</c> points at, or null when there is none (or it points at nothing).</summary>
    public static string? Read(string sceneFolder)
    {
        var link = new FileInfo(Path.Combine(sceneFolder, Name));
        if (link.LinkTarget is not { } target)
        {
            return null;
        }

        string path = Path.GetFullPath(Path.Combine(sceneFolder, target));
        return Directory.Exists(path) ? path : null;
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);
}
