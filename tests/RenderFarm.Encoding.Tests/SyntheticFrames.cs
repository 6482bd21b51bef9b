namespace RenderFarm.Encoding.Tests;

/// <summary>Deterministic opaque RGBA test frames whose content changes with the frame index.</summary>
internal static class SyntheticFrames
{
    public static void Fill(int index, int width, int height, Span<byte> pixels)
    {
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = pixels.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                row[x * 4] = (byte)(x + index * 7);
                row[x * 4 + 1] = (byte)(y * 3);
                row[x * 4 + 2] = (byte)((x ^ y) + index);
                row[x * 4 + 3] = 255;
            }
        }
    }
}
