namespace RenderFarm.Encoding.Tests;

public sealed class ExternalToolsTests
{
    [Fact]
    public void Locate_Ffmpeg_FindsAnExecutable()
    {
        Assert.True(File.Exists(ExternalTools.Locate("ffmpeg")));
    }

    [Fact]
    public void Locate_MissingTool_NamesTheDebianPackage()
    {
        var error = Assert.Throws<EncodingException>(() => ExternalTools.Locate("renderfarm-no-such-tool"));

        Assert.Contains("renderfarm-no-such-tool was not found on PATH", error.Message);
        Assert.Contains("apt-get install ffmpeg", error.Message);
    }
}
