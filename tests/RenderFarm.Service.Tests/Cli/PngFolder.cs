using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

/// <summary>
/// Writes a folder of distinct RGB PNGs (<see cref="PngWriter"/>). Regular patterns
/// keep the files small and quick to write, while decoding still touches every pixel, so a big
/// folder takes the program seconds to embed.
/// </summary>
internal static class PngFolder
{
    private const int PatternShifts = 251;

    /// <summary>Writes images 0..count-1 as <c>folder/classK/NNNNN.png</c>, K = i mod classes.</summary>
    public static void Write(string folder, int count, int side, int classes)
    {
        for (int k = 0; k < classes; k++)
        {
            Directory.CreateDirectory(Path.Combine(folder, $"class{k}"));
        }

        Parallel.For(0, count, i => File.WriteAllBytes(Path.Combine(folder, $"class{i % classes}", $"{i:D5}.png"), Encode(side, i)));
    }

    private static byte[] Encode(int side, int image)
    {
        // Every row is a slice of one shared pattern (a block copy, cheap even in a Debug build),
        // shifted per row and image; the first pixel spells the image number, so no two of the first
        // 65,536 images share their pixels.
        int rowBytes = 3 * side;
        byte[] pattern = Pattern(side);
        var rows = new byte[rowBytes * side];
        for (int y = 0; y < side; y++)
        {
            int shift = 3 * (((y * 3) + (image * 5)) % PatternShifts);
            pattern.AsSpan(shift, rowBytes).CopyTo(rows.AsSpan(y * rowBytes));
        }

        rows[0] = (byte)image;
        rows[1] = (byte)(image >> 8);
        return PngWriter.Write(side, side, PngWriter.Rgb, 8, rows);
    }

    private static byte[] Pattern(int side)
    {
        var pattern = new byte[3 * (side + PatternShifts)];
        for (int i = 0; i < pattern.Length; i++)
        {
            pattern[i] = (byte)((i * i / 97) + (i / 3));
        }

        return pattern;
    }
}
