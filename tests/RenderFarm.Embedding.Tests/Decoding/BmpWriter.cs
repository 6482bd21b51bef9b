using System.Buffers.Binary;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>Writes 24-bit bottom-up BMPs (the most common kind) by hand, as Skia has no BMP encoder.</summary>
internal static class BmpWriter
{
    /// <param name="rgb">Top-down rows of R, G, B bytes, width × height × 3.</param>
    public static byte[] Write(int width, int height, byte[] rgb)
    {
        int stride = (width * 3 + 3) / 4 * 4; // rows are padded to 4 bytes
        const int pixelOffset = 14 + 40;
        var bmp = new byte[pixelOffset + stride * height];
        Span<byte> span = bmp;
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], pixelOffset);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40); // BITMAPINFOHEADER
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], height); // positive: bottom row first
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], stride * height);
        BinaryPrimitives.WriteInt32LittleEndian(span[38..], 2835); // 72 dpi
        BinaryPrimitives.WriteInt32LittleEndian(span[42..], 2835);
        for (int y = 0; y < height; y++)
        {
            int row = pixelOffset + (height - 1 - y) * stride;
            for (int x = 0; x < width; x++)
            {
                int source = (y * width + x) * 3;
                bmp[row + x * 3] = rgb[source + 2];
                bmp[row + x * 3 + 1] = rgb[source + 1];
                bmp[row + x * 3 + 2] = rgb[source];
            }
        }

        return bmp;
    }
}
