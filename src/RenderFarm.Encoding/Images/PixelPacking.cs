namespace RenderFarm.Encoding.Images;

/// <summary>Channel repacking between RGBA8 frames and PNG's RGB8 rows.</summary>
internal static class PixelPacking
{
    public static void RgbaToRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        int pixels = rgba.Length / 4;
        for (int p = 0; p < pixels; p++)
        {
            rgb[p * 3] = rgba[p * 4];
            rgb[p * 3 + 1] = rgba[p * 4 + 1];
            rgb[p * 3 + 2] = rgba[p * 4 + 2];
        }
    }
}
