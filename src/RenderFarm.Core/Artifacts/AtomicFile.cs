namespace RenderFarm.Core.Artifacts;

/// <summary>
/// Writes files so that the final path holds either the old content or the complete new content,
/// never a prefix: write a temp file in the same directory, flush it to disk, then rename over.
/// A crash leaves at most a stray ".tmp-" file, which <see cref="DeleteStaleTempFiles"/> removes.
/// </summary>
public static class AtomicFile
{
    private const string TempMarker = ".tmp-";

    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + TempMarker + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                // Without the flush to disk a power cut after the rename can leave an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    public static bool IsTempFile(string path) => Path.GetFileName(path).Contains(TempMarker, StringComparison.Ordinal);

    /// <summary>Removes temp files older than <paramref name="minimumAge"/> (younger ones may belong to a running writer).</summary>
    public static int DeleteStaleTempFiles(string directory, TimeSpan minimumAge)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int deleted = 0;
        DateTime cutoff = DateTime.UtcNow - minimumAge;
        foreach (string file in Directory.EnumerateFiles(directory, "*" + TempMarker + "*"))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff && TryDelete(file))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
