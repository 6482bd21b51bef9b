using System.Buffers.Binary;
using RenderFarm.Encoding.Probing;
using RenderFarm.TestSupport;

namespace RenderFarm.Encoding.Tests.Probing;

public sealed class Mp4BoxesTests
{
    [Fact]
    public void IsFastStart_MdatBeforeMoov_False()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("slow.mp4", [.. Box("ftyp", 12), .. Box("mdat", 100), .. Box("moov", 40)]);

        Assert.False(Mp4Boxes.IsFastStart(path));
        Assert.Equal(["ftyp", "mdat", "moov"], Mp4Boxes.ReadTopLevel(path).Select(b => b.Type));
    }

    [Fact]
    public void IsFastStart_MoovFirstAndLargeSizeMdat_True()
    {
        using var temp = new TempDirectory();
        byte[] large = new byte[16 + 50];
        BinaryPrimitives.WriteUInt32BigEndian(large, 1);
        "mdat"u8.CopyTo(large.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(large.AsSpan(8), (ulong)large.Length);
        string path = temp.Write("fast.mp4", [.. Box("ftyp", 12), .. Box("moov", 40), .. large]);

        Assert.True(Mp4Boxes.IsFastStart(path));
        Assert.Equal(large.Length, Mp4Boxes.ReadTopLevel(path)[2].Size);
    }

    [Fact]
    public void ReadTopLevel_TruncatedBox_ErrorNamesFileAndBox()
    {
        using var temp = new TempDirectory();
        byte[] box = Box("moov", 40);
        string path = temp.Write("cut.mp4", box[..20]);

        var error = Assert.Throws<EncodingException>(() => Mp4Boxes.ReadTopLevel(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("moov", error.Message);
    }

    private static byte[] Box(string type, int size)
    {
        var box = new byte[size];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)size);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        return box;
    }
}
