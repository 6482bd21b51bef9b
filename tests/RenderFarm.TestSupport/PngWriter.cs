using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RenderFarm.TestSupport;

/// <summary>
/// Writes PNGs by hand, because Skia's encoder only writes 8-bit RGB(A) and gray: the decoder must also
/// be tested on gray+alpha, palette and 16-bit files, which cameras and scanners do produce.
/// </summary>
public static class PngWriter
{
    public const byte Gray = 0;
    public const byte Rgb = 2;
    public const byte Palette = 3;
    public const byte GrayAlpha = 4;
    public const byte Rgba = 6;

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// A complete PNG from packed, unfiltered rows (<paramref name="rows"/> holds height × row bytes;
    /// 16-bit samples big-endian, as PNG stores them).
    /// </summary>
    public static byte[] Write(int width, int height, byte colorType, byte bitDepth, byte[] rows, byte[]? palette = null, byte[]? transparency = null)
    {
        int rowBytes = (width * Channels(colorType) * bitDepth + 7) / 8;
        if (rows.Length != rowBytes * height)
        {
            throw new ArgumentException($"expected {rowBytes * height} bytes of rows, got {rows.Length}");
        }

        // Every row is prefixed with filter type 0 (none): the simplest valid encoding.
        var filtered = new byte[(rowBytes + 1) * height];
        for (int y = 0; y < height; y++)
        {
            Buffer.BlockCopy(rows, y * rowBytes, filtered, y * (rowBytes + 1) + 1, rowBytes);
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(width, height, colorType, bitDepth));
        if (palette is not null)
        {
            WriteChunk(png, "PLTE", palette);
        }

        if (transparency is not null)
        {
            WriteChunk(png, "tRNS", transparency);
        }

        WriteChunk(png, "IDAT", Compress(filtered));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A PNG whose header claims <paramref name="width"/> × <paramref name="height"/> 8-bit RGB but whose
    /// pixel data holds one row: enough for a codec to open it, so only a header check can refuse it cheaply.
    /// </summary>
    public static byte[] WriteHeaderClaiming(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(width, height, Rgb, 8));
        WriteChunk(png, "IDAT", Compress(new byte[1 + width * 3]));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        png.Write(word);
    }

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFF;
    }

    private static byte[] Header(int width, int height, byte colorType, byte bitDepth)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colorType; // compression, filter method and interlace stay 0
        return header;
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static int Channels(byte colorType) => colorType switch
    {
        Gray or Palette => 1,
        GrayAlpha => 2,
        Rgb => 3,
        Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(colorType)),
    };

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
