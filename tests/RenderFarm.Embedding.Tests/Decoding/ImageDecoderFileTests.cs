using RenderFarm.Embedding.Decoding;
using SkiaSharp;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>Decoding from files: file-system failures are skip reasons, not crashes.</summary>
public sealed class ImageDecoderFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("renderfarm-decoder-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void DecodeFile_PngFile_ReturnsPixels()
    {
        byte[] rgba = TestImages.Gradient(9, 7);
        string path = Path.Combine(_directory, "gradient.png");
        File.WriteAllBytes(path, TestImages.Encode(SKEncodedImageFormat.Png, 9, 7, rgba));

        DecodedImage image = ImageDecoder.DecodeFile(path, new ImageDecodeOptions());

        Assert.Equal(rgba, image.Pixels);
    }

    [Fact]
    public void DecodeFile_MissingFile_ThrowsUnreadable()
    {
        string path = Path.Combine(_directory, "missing.jpg");

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(path, new ImageDecodeOptions()));

        Assert.Equal(ImageSkipReason.Unreadable, error.Reason);
        Assert.StartsWith("cannot read the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeFile_Directory_ThrowsUnreadable()
    {
        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(_directory, new ImageDecodeOptions()));

        Assert.Equal(ImageSkipReason.Unreadable, error.Reason);
    }

    [Fact]
    public void DecodeFile_ZeroByteFile_ThrowsEmpty()
    {
        string path = Path.Combine(_directory, "empty.png");
        File.WriteAllBytes(path, []);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(path, new ImageDecodeOptions()));

        Assert.Equal(ImageSkipReason.Empty, error.Reason);
    }

    [Fact]
    public void DecodeFile_TextFile_ThrowsNotAnImage()
    {
        string path = Path.Combine(_directory, "notes.jpg");
        File.WriteAllText(path, "a .jpg extension does not make this an image");

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(path, new ImageDecodeOptions()));

        Assert.Equal(ImageSkipReason.NotAnImage, error.Reason);
    }
}
