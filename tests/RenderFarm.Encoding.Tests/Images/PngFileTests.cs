using System.IO.Compression;
using RenderFarm.Encoding.Images;
using RenderFarm.TestSupport;

namespace RenderFarm.Encoding.Tests.Images;

public sealed class PngFileTests
{
    [Theory]
    [InlineData(PngFilter.None)]
    [InlineData(PngFilter.Sub)]
    [InlineData(PngFilter.Up)]
    [InlineData(PngFilter.Paeth)]
    [InlineData(PngFilter.Adaptive)]
    public void Write_TranslucentRgba_DecodesToTheSamePixels(PngFilter filter)
    {
        using var temp = new TempDirectory();
        string path = temp.File("image.png");
        byte[] pixels = Pattern(77, 53, opaque: false);

        PngFile.Write(path, new PngImageOptions { Width = 77, Height = 53, Filter = filter }, pixels);

        (int width, int height, byte[] decoded) = PngDecoding.Decode(path);
        Assert.Equal((77, 53), (width, height));
        Assert.Equal(pixels, decoded);
    }

    [Fact]
    public void Write_OpaqueAsRgb_StoresThreeChannelsAndDecodesEqual()
    {
        using var temp = new TempDirectory();
        string path = temp.File("opaque.png");
        byte[] pixels = Pattern(40, 30, opaque: true);

        PngFile.Write(path, new PngImageOptions { Width = 40, Height = 30, HasAlpha = false, Filter = PngFilter.Adaptive, Compression = CompressionLevel.SmallestSize }, pixels);

        byte[] header = PngDecoding.Chunks(path)[0].Data;
        Assert.Equal(2, header[9]); // colour type RGB
        Assert.Equal(pixels, PngDecoding.Decode(path).Rgba);
    }

    [Fact]
    public void Write_TextsAndDpi_ChunksPresentWithValidCrcs()
    {
        using var temp = new TempDirectory();
        string path = temp.File("texts.png");
        string provenance = """{"scene":"fashion-mnist","note":"naïve — ünïcode ✓"}""";
        var options = new PngImageOptions
        {
            Width = 8,
            Height = 8,
            DotsPerInch = 300,
            Texts = [new("Software", "RenderFarm 0.1.0"), new("RenderFarm:scene-hash", "abc123"), new("RenderFarm:provenance", provenance)],
        };

        PngFile.Write(path, options, Pattern(8, 8, opaque: true));

        var chunks = PngDecoding.Chunks(path);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.Contains(chunks, c => c.Type == "sRGB" && c.Data.SequenceEqual(new byte[] { 0 }));
        Assert.Contains(chunks, c => c.Type == "pHYs");
        Assert.Contains(chunks, c => c.Type == "tEXt" && c.Data.SequenceEqual("Software\0RenderFarm 0.1.0"u8.ToArray()));
        Assert.Contains(chunks, c => c.Type == "tEXt" && c.Data.SequenceEqual("RenderFarm:scene-hash\0abc123"u8.ToArray()));
        byte[] international = chunks.Single(c => c.Type == "iTXt").Data;
        Assert.Equal("RenderFarm:provenance\0\0\0\0\0"u8.ToArray(), international[..26]);
        Assert.Equal(provenance, System.Text.Encoding.UTF8.GetString(international[26..]));
    }

    [Fact]
    public void Write_HugeWidthRowByRow_AllocatesFarLessThanTheImage()
    {
        using var temp = new TempDirectory();
        string path = temp.File("wide.png");
        const int width = 20_000;
        const int height = 600;
        var row = new byte[width * 4];
        var options = new PngImageOptions { Width = width, Height = height, HasAlpha = false };

        long before = GC.GetAllocatedBytesForCurrentThread();
        PngFile.Write(path, options, encoder =>
        {
            for (int y = 0; y < height; y++)
            {
                FillRow(row, y);
                encoder.WriteRows(row);
            }
        });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The image is 48 MB; the encoder holds a few rows (80 KB each) and a 1 MB write buffer.
        Assert.True(allocated < 8_000_000, $"allocated {allocated:N0} bytes");
        (int w, int h, byte[] decoded) = PngDecoding.Decode(path);
        Assert.Equal((width, height), (w, h));
        for (int y = 0; y < height; y += 97)
        {
            FillRow(row, y);
            Assert.True(row.AsSpan().SequenceEqual(decoded.AsSpan(y * width * 4, width * 4)), $"row {y} differs");
        }
    }

    [Fact]
    public void Write_CallbackThrows_NoFileAndNoTemp()
    {
        using var temp = new TempDirectory();
        string path = temp.File("failed.png");

        Assert.Throws<InvalidOperationException>(() => PngFile.Write(path, new PngImageOptions { Width = 4, Height = 4 }, encoder =>
        {
            encoder.WriteRows(new byte[16]);
            throw new InvalidOperationException("tile renderer failed");
        }));

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Write_RowsMissing_ErrorNamesFileAndKeepsPreviousFile()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("short.png", [9, 9]);

        var error = Assert.Throws<EncodingException>(() =>
            PngFile.Write(path, new PngImageOptions { Width = 4, Height = 4 }, encoder => encoder.WriteRows(new byte[3 * 16])));

        Assert.Contains(path, error.Message);
        Assert.Contains("3 of 4 rows", error.Message);
        Assert.Equal(new byte[] { 9, 9 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 70000)]
    public void Write_BadSize_ErrorNamesSize(int width, int height)
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<EncodingException>(() => PngFile.Write(temp.File("x.png"), new PngImageOptions { Width = width, Height = height }, _ => { }));

        Assert.Contains($"{width}x{height}", error.Message);
    }

    private static void FillRow(byte[] row, int y)
    {
        for (int x = 0; x < row.Length / 4; x++)
        {
            row[x * 4] = (byte)(x / 80);
            row[x * 4 + 1] = (byte)(y + x);
            row[x * 4 + 2] = (byte)(x * y >> 4);
            row[x * 4 + 3] = 255;
        }
    }

    private static byte[] Pattern(int width, int height, bool opaque)
    {
        var pixels = new byte[width * height * 4];
        var random = new Random(7);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                // Smooth gradients with noise, so every filter has something to predict and something to miss.
                pixels[i] = (byte)(x * 3 + random.Next(4));
                pixels[i + 1] = (byte)(y * 5);
                pixels[i + 2] = (byte)(x * y);
                pixels[i + 3] = opaque ? (byte)255 : (byte)(40 + (x + y) % 200);
            }
        }

        return pixels;
    }
}
