using RenderFarm.Core.Thumbnails;
using RenderFarm.Rendering.Atlases;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// Samples one atlas cell the way the device samples the uploaded atlas, so managed stamps match
/// raster sprites: the cell's slot with its replicated-edge gutter, mip levels halved in linear
/// light and stored as sRGB bytes (what the blits make), bilinear taps at the level the shader
/// picks, filtered in sRGB and decoded afterwards where the atlas decodes in the shader. Not
/// thread-safe: one sampler per thread.
/// </summary>
internal sealed class AtlasCellSampler
{
    private readonly ThumbnailSet _thumbnails;
    private readonly AtlasLayout _layout;
    private readonly bool _filterEncoded;
    private readonly byte[][] _levels;

    /// <param name="filterEncoded">True where the atlas decodes in the shader (a UNORM view, CPU devices).</param>
    public AtlasCellSampler(ThumbnailSet thumbnails, AtlasLayout layout, bool filterEncoded)
    {
        _thumbnails = thumbnails;
        _layout = layout;
        _filterEncoded = filterEncoded;
        _levels = new byte[layout.MipLevels][];
        for (int k = 0; k < _levels.Length; k++)
        {
            int size = Math.Max(1, layout.Slot >> k);
            _levels[k] = new byte[size * size * 4];
        }
    }

    public int CellSize => _layout.CellSize;
    public int Inset => _layout.Inset;
    public int Levels => _levels.Length;

    /// <summary>Makes the slot and its mip levels for <paramref name="cell"/>.</summary>
    public void Load(int cell)
    {
        var pixels = _thumbnails.Cell(cell);
        int slot = _layout.Slot, inset = _layout.Inset, cellSize = _layout.CellSize;
        var level0 = _levels[0];
        for (int y = 0; y < slot; y++)
        {
            int sy = Math.Clamp(y - inset, 0, cellSize - 1);
            for (int x = 0; x < slot; x++)
            {
                int sx = Math.Clamp(x - inset, 0, cellSize - 1);
                pixels.Slice((sy * cellSize + sx) * 4, 4).CopyTo(level0.AsSpan((y * slot + x) * 4, 4));
            }
        }
        var decode = SrgbTables.Decode;
        for (int k = 1; k < _levels.Length; k++)
        {
            int size = Math.Max(1, slot >> k), above = Math.Max(1, slot >> (k - 1));
            var src = _levels[k - 1];
            var dst = _levels[k];
            for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int a = ((2 * y) * above + 2 * x) * 4, b = a + 4, c = a + above * 4, d = c + 4;
                for (int ch = 0; ch < 3; ch++)
                    dst[(y * size + x) * 4 + ch] = SrgbTables.EncodeByte(0.25f * (decode[src[a + ch]] + decode[src[b + ch]] + decode[src[c + ch]] + decode[src[d + ch]]));
                dst[(y * size + x) * 4 + 3] = (byte)((src[a + 3] + src[b + 3] + src[c + 3] + src[d + 3] + 2) / 4);
            }
        }
    }

    /// <summary>
    /// The mip level for a sprite <paramref name="sidePx"/> across: the shader's lod, rounded as a
    /// nearest-mipmap sampler rounds it (CPU devices), else its floor and the fraction towards the next.
    /// </summary>
    public (int Level, int Next, float Blend) LevelFor(float sidePx, bool nearestMip)
    {
        float lod = MathF.Max(0f, MathF.Log2(CellSize / MathF.Max(sidePx, 1e-3f)));
        int last = Levels - 1;
        if (nearestMip)
        {
            int level = Math.Min(last, (int)MathF.Ceiling(lod + 0.5f) - 1);
            return (Math.Max(0, level), Math.Max(0, level), 0f);
        }
        int floor = Math.Min(last, (int)lod);
        return (floor, Math.Min(last, floor + 1), floor >= last ? 0f : lod - floor);
    }

    /// <summary>Linear RGBA (straight alpha) at cell texel coordinates (<paramref name="u"/>, <paramref name="v"/>), 0..CellSize across.</summary>
    public (float R, float G, float B, float A) Sample(float u, float v, (int Level, int Next, float Blend) lod)
    {
        var (r, g, b, a) = Bilinear(lod.Level, u + Inset, v + Inset);
        if (lod.Blend > 0)
        {
            var (r2, g2, b2, a2) = Bilinear(lod.Next, u + Inset, v + Inset);
            float t = lod.Blend;
            r += (r2 - r) * t; g += (g2 - g) * t; b += (b2 - b) * t; a += (a2 - a) * t;
        }
        if (_filterEncoded) return (SrgbTables.ToLinearFiltered(r), SrgbTables.ToLinearFiltered(g), SrgbTables.ToLinearFiltered(b), a);
        return (r, g, b, a);
    }

    private (float, float, float, float) Bilinear(int level, float u, float v)
    {
        int size = Math.Max(1, _layout.Slot >> level);
        float scale = 1f / (1 << level);
        float x = u * scale - 0.5f, y = v * scale - 0.5f;
        int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        int xa = Math.Clamp(x0, 0, size - 1), xb = Math.Clamp(x0 + 1, 0, size - 1);
        int ya = Math.Clamp(y0, 0, size - 1), yb = Math.Clamp(y0 + 1, 0, size - 1);
        var texels = _levels[level];
        Span<float> result = stackalloc float[4];
        for (int ch = 0; ch < 4; ch++)
        {
            float t00 = Texel(texels, size, xa, ya, ch), t10 = Texel(texels, size, xb, ya, ch);
            float t01 = Texel(texels, size, xa, yb, ch), t11 = Texel(texels, size, xb, yb, ch);
            float top = t00 + (t10 - t00) * fx, bottom = t01 + (t11 - t01) * fx;
            result[ch] = top + (bottom - top) * fy;
        }
        return (result[0], result[1], result[2], result[3]);
    }

    private float Texel(byte[] texels, int size, int x, int y, int channel)
    {
        byte value = texels[(y * size + x) * 4 + channel];
        if (channel == 3 || _filterEncoded) return value / 255f;
        return SrgbTables.Decode[value];
    }
}
