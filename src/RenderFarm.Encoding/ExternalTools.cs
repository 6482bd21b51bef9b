namespace RenderFarm.Encoding;

/// <summary>
/// Finds ffmpeg and ffprobe on PATH before any work starts, so a machine without them fails with the
/// Debian package to install instead of FFMpegCore's generic "file not found".
/// </summary>
public static class ExternalTools
{
    public const string DebianPackage = "ffmpeg";

    /// <summary>The full path of <paramref name="tool"/> ("ffmpeg" or "ffprobe").</summary>
    public static string Locate(string tool)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new EncodingException(
            $"{tool} was not found on PATH: install the Debian package '{DebianPackage}' (apt-get install {DebianPackage}).");
    }
}
