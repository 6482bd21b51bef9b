using RenderFarm.Core.Artifacts;

namespace RenderFarm.Encoding;

/// <summary>
/// Temp names for outputs written by another process (ffmpeg): the same folder as the final path, so the
/// rename is atomic, and AtomicFile's ".tmp-" marker, so its stale-file sweep also removes ours.
/// </summary>
internal static class OutputPaths
{
    public static string PrepareFinal(string path, string optionName)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new EncodingException($"{optionName}: an output path is required.");
        }

        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    public static string TempBeside(string finalPath)
    {
        string temp = Path.Combine(
            Path.GetDirectoryName(finalPath)!,
            "." + Path.GetFileName(finalPath) + ".tmp-" + Guid.NewGuid().ToString("N")[..12]);
        System.Diagnostics.Debug.Assert(AtomicFile.IsTempFile(temp));
        return temp;
    }

    /// <summary>Flushes the finished temp file to disk and renames it over the final path.</summary>
    public static void Commit(string tempPath, string finalPath)
    {
        // Without the flush a power cut after the rename can leave an empty file (see AtomicFile).
        using (var stream = new FileStream(tempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            stream.Flush(flushToDisk: true);
        }

        File.Move(tempPath, finalPath, overwrite: true);
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
