using System.Buffers.Binary;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>
/// Writes (possibly animated) GIFs by hand, as Skia has no GIF encoder. The LZW stream uses a trick
/// that needs no compressor: with a minimum code size of 7 every code is exactly one byte, and a clear
/// code every 64 pixels keeps the decoder's table from ever growing to 9-bit codes.
/// </summary>
internal static class GifWriter
{
    private const int MinCodeSize = 7;
    private const byte ClearCode = 1 << MinCodeSize;
    private const byte EndCode = ClearCode + 1;

    /// <param name="palette">Up to 128 RGB colours; frames index into it.</param>
    /// <param name="frames">Each frame covers the whole canvas: width × height palette indices.</param>
    public static byte[] Write(int width, int height, (byte R, byte G, byte B)[] palette, params byte[][] frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        WriteUInt16(gif, width);
        WriteUInt16(gif, height);
        gif.WriteByte(0xF6); // global colour table present, 8-bit colour resolution, 2^(6+1) = 128 entries
        gif.WriteByte(0);    // background colour index
        gif.WriteByte(0);    // no aspect ratio
        for (int i = 0; i < 128; i++)
        {
            (byte r, byte g, byte b) = i < palette.Length ? palette[i] : ((byte)0, (byte)0, (byte)0);
            gif.Write([r, g, b]);
        }

        foreach (byte[] frame in frames)
        {
            gif.Write([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0]); // graphic control: keep frame, 100 ms, no transparency
            gif.WriteByte(0x2C);
            WriteUInt16(gif, 0);
            WriteUInt16(gif, 0);
            WriteUInt16(gif, width);
            WriteUInt16(gif, height);
            gif.WriteByte(0); // no local colour table, not interlaced
            gif.WriteByte(MinCodeSize);
            WriteSubBlocks(gif, Lzw(frame));
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    private static byte[] Lzw(byte[] indices)
    {
        var codes = new List<byte>();
        for (int i = 0; i < indices.Length; i++)
        {
            if (i % 64 == 0)
            {
                codes.Add(ClearCode);
            }

            codes.Add(indices[i]);
        }

        codes.Add(EndCode);
        return [.. codes];
    }

    private static void WriteSubBlocks(Stream gif, byte[] data)
    {
        for (int offset = 0; offset < data.Length; offset += 255)
        {
            int length = Math.Min(255, data.Length - offset);
            gif.WriteByte((byte)length);
            gif.Write(data, offset, length);
        }

        gif.WriteByte(0);
    }

    private static void WriteUInt16(Stream gif, int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        gif.Write(bytes);
    }
}
