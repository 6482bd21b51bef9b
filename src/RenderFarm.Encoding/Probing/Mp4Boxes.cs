using System.Buffers.Binary;

namespace RenderFarm.Encoding.Probing;

/// <summary>
/// Reads the top-level boxes of an MP4/ISO-BMFF file (type and offset only, never their contents).
/// Enough to tell whether +faststart moved moov before mdat, which ffprobe does not report directly.
/// </summary>
public static class Mp4Boxes
{
    public static IReadOnlyList<(string Type, long Offset, long Size)> ReadTopLevel(string path)
    {
        var boxes = new List<(string, long, long)>();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        long length = file.Length;
        Span<byte> header = stackalloc byte[16];
        long offset = 0;
        while (offset + 8 <= length)
        {
            file.Position = offset;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            string type = System.Text.Encoding.ASCII.GetString(header[4..8]);
            if (size == 1)
            {
                // A 64-bit "largesize" follows the type (mdat of long videos).
                file.ReadExactly(header[8..16]);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            }
            else if (size == 0)
            {
                size = length - offset; // the box runs to the end of the file
            }

            if (size < 8 || offset + size > length)
            {
                throw new EncodingException($"{path}: box '{type}' at byte {offset} claims {size} bytes; the file is damaged or not an MP4.");
            }

            boxes.Add((type, offset, size));
            offset += size;
        }

        return boxes;
    }

    /// <summary>True when the file's moov box comes before its first mdat box.</summary>
    public static bool IsFastStart(string path)
    {
        var boxes = ReadTopLevel(path);
        int moov = IndexOf(boxes, "moov");
        int mdat = IndexOf(boxes, "mdat");
        if (moov < 0)
        {
            throw new EncodingException($"{path}: no moov box; the file is incomplete or not an MP4.");
        }

        return mdat < 0 || moov < mdat;
    }

    private static int IndexOf(IReadOnlyList<(string Type, long Offset, long Size)> boxes, string type)
    {
        for (int i = 0; i < boxes.Count; i++)
        {
            if (boxes[i].Type == type)
            {
                return i;
            }
        }

        return -1;
    }
}
