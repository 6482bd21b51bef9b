using System.Buffers.Binary;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>Adds an EXIF orientation tag to a JPEG, as a camera would, since Skia's encoder writes no EXIF.</summary>
internal static class ExifWriter
{
    /// <summary>Inserts an APP1 Exif segment holding only the Orientation tag (0x0112) right after SOI.</summary>
    public static byte[] WithOrientation(byte[] jpeg, int orientation)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("not a JPEG", nameof(jpeg));
        }

        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at offset 8
            0, 1,                                    // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,            // Orientation, SHORT, count 1
            0, (byte)orientation, 0, 0,              // value, left-justified in the 4-byte field
            0, 0, 0, 0,                              // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
