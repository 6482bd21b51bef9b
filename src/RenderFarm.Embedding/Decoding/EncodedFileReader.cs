using Microsoft.Win32.SafeHandles;

namespace RenderFarm.Embedding.Decoding;

/// <summary>
/// Reads an image file whole, turning every way the file system can fail into an
/// <see cref="ImageDecodeException"/>, so one unreadable file skips one image instead of stopping a run.
/// </summary>
internal static class EncodedFileReader
{
    public static byte[] Read(string path)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                throw new ImageDecodeException(ImageSkipReason.Empty, "empty file: 0 bytes");
            }

            // Checked here because a managed array cannot hold it; far beyond any sane image anyway.
            if (length > Array.MaxLength)
            {
                throw new ImageDecodeException(ImageSkipReason.TooLarge, $"the file is {length / (1024.0 * 1024 * 1024):0.#} GiB, more than one buffer can hold");
            }

            var bytes = new byte[length];
            int total = 0;
            while (total < bytes.Length)
            {
                int read = RandomAccess.Read(handle, bytes.AsSpan(total), total);
                if (read == 0)
                {
                    break; // shrank while being read: decode what is there, which reports it as truncated
                }

                total += read;
            }

            return total == bytes.Length ? bytes : bytes[..total];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ImageDecodeException(ImageSkipReason.Unreadable, $"cannot read the file: {ex.Message}", ex);
        }
    }
}
