using RenderFarm.Core.Colors;

namespace RenderFarm.Core.Tests.Colors;

public sealed class PaletteTests
{
    [Fact]
    public void The_first_thirty_colours_are_all_different()
    {
        var colours = Enumerable.Range(0, 30).Select(Palette.ForIndex).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.DoesNotContain(Palette.Unlabelled, colours);
    }

    [Fact]
    public void Negative_indices_are_unlabelled() => Assert.Equal(Palette.Unlabelled, Palette.ForIndex(-1));

    [Theory]
    [InlineData("#336699", 0x33, 0x66, 0x99, 0xFF)]
    [InlineData("33669980", 0x33, 0x66, 0x99, 0x80)]
    public void Hex_colours_parse(string text, int r, int g, int b, int a)
    {
        Assert.True(Rgba8.TryParseHex(text, out var colour));
        Assert.Equal(new Rgba8((byte)r, (byte)g, (byte)b, (byte)a), colour);
    }

    [Theory]
    [InlineData("#12345")]
    [InlineData("red")]
    [InlineData("#GG0000")]
    public void Bad_hex_colours_are_refused(string text) => Assert.False(Rgba8.TryParseHex(text, out _));

    [Fact]
    public void Hex_round_trips() => Assert.Equal("#332288", Palette.ForIndex(0).ToHex());
}
