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

    [Theory]
    [InlineData("#111111")] // the default background
    [InlineData("#000000")]
    [InlineData("#FFFFFF")]
    [InlineData("#808080")]
    public void On_any_background_the_first_ten_colours_stand_out_and_stay_apart(string background)
    {
        Assert.True(Rgba8.TryParseHex(background, out var ground));
        var shown = Enumerable.Range(0, 10).Select(i => Palette.ForIndex(i, ground)).ToList();
        Assert.All(shown, c => Assert.True(Contrast.Ratio(c, ground) >= Palette.MinimumContrast, $"{c} on {background}: {Contrast.Ratio(c, ground):F2}"));
        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    [Fact]
    public void On_the_default_background_only_the_dark_colours_are_lifted_and_keep_their_hue()
    {
        var ground = new Rgba8(0x11, 0x11, 0x11);
        Assert.True(Contrast.Ratio(Palette.ForIndex(0), ground) < 2, "indigo was nearly invisible on #111");
        Assert.Equal(Palette.ForIndex(1), Palette.ForIndex(1, ground)); // cyan already stood out
        Rgba8 indigo = Palette.ForIndex(0, ground);
        Assert.True(indigo.B > indigo.R && indigo.R > indigo.G, $"lifted indigo {indigo}");
    }

    [Fact]
    public void Contrast_ratio_is_one_for_equal_colours_and_twenty_one_for_black_on_white()
    {
        Assert.Equal(1.0, Contrast.Ratio(new Rgba8(10, 200, 30), new Rgba8(10, 200, 30)), 6);
        Assert.Equal(21.0, Contrast.Ratio(new Rgba8(0, 0, 0), new Rgba8(255, 255, 255)), 6);
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
