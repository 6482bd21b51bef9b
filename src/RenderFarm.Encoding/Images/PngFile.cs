using RenderFarm.Core.Artifacts;

namespace RenderFarm.Encoding.Images;

/// <summary>
/// Writes a PNG file atomically (temp name in the same folder, flushed, renamed): the callback streams
/// rows into the encoder; if it throws or leaves rows missing, nothing appears at <c>path</c>.
/// </summary>
public static class PngFile
{
    public static void Write(string path, PngImageOptions options, Action<PngStreamEncoder> writeRows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writeRows);
        string fullPath = Path.GetFullPath(path);
        options.Validate(fullPath);
        AtomicFile.Write(fullPath, stream =>
        {
            // Buffer the many small chunk writes. Not disposed: that would close AtomicFile's stream,
            // which still has to flush it to disk.
            var buffered = new BufferedStream(stream, 1 << 20);
            using var encoder = new PngStreamEncoder(buffered, options, fullPath);
            writeRows(encoder);
            encoder.Finish();
            buffered.Flush();
        });
    }

    /// <summary>Writes a whole RGBA8 image held in memory (small images: thumbnails, frames, tests).</summary>
    public static void Write(string path, PngImageOptions options, ReadOnlyMemory<byte> rgba)
    {
        if (rgba.Length != (long)options.Width * options.Height * 4)
        {
            throw new EncodingException($"{path}: {rgba.Length} bytes given for a {options.Width}x{options.Height} RGBA image.");
        }

        Write(path, options, encoder => encoder.WriteRows(rgba.Span));
    }
}
