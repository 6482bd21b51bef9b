using System.Buffers.Binary;
using RenderFarm.Rendering.Shaders;

namespace RenderFarm.Rendering.Tests.Shaders;

public sealed class ShaderLibraryTests
{
    [Theory]
    [InlineData("points.vert")]
    [InlineData("points.frag")]
    [InlineData("sprites.vert")]
    [InlineData("sprites.frag")]
    public void EveryShaderIsEmbeddedAsSpirv(string name)
    {
        var spirv = ShaderLibrary.Load(name);
        Assert.Equal(0x07230203u, BinaryPrimitives.ReadUInt32LittleEndian(spirv)); // the SPIR-V magic number
        Assert.Equal(0, spirv.Length % 4);
    }

    [Fact]
    public void UnknownShaderIsAClearError()
    {
        var e = Assert.Throws<RenderingException>(() => ShaderLibrary.Load("missing.frag"));
        Assert.Contains("missing.frag", e.Message);
    }
}
