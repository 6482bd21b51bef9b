using System.Buffers.Binary;
using SkiaSharp;

namespace RenderFarm.Encoding.Tests;

/// <summary>Reads PNGs back independently of our writer: pixels through Skia's decoder, chunks by hand.</summary>
internal static class PngDecoding
{
    /// <summary>Straight-alpha RGBA8 pixels, top row first.</summary>
    public static (int Width, int Height, byte[] Rgba) Decode(string path)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidOperationException($"{path}: Skia cannot open it");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* pointer = pixels)
            {
                SKCodecResult result = codec.GetPixels(info, (IntPtr)pointer);
                if (result != SKCodecResult.Success)
                {
                    throw new InvalidOperationException($"{path}: Skia decode {result}");
                }
            }
        }

        return (info.Width, info.Height, pixels);
    }

    /// <summary>Every chunk's type and data, checking each CRC on the way.</summary>
    public static List<(string Type, byte[] Data)> Chunks(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var chunks = new List<(string, byte[])>();
        int offset = 8;
        while (offset < bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            byte[] data = bytes.AsSpan(offset + 8, length).ToArray();
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length));
            if (crc != TestSupport.PngWriter.Crc32(bytes.AsSpan(offset + 4, length + 4)))
            {
                throw new InvalidOperationException($"{path}: bad CRC in {type}");
            }

            chunks.Add((type, data));
            offset += 12 + length;
        }

        return chunks;
    }
}
