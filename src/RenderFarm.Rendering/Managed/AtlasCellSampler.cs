using System.Numerics;
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
    private readonly Vector4[][] _texels;

    /// <param name="filterEncoded">True where the atlas decodes in the shader (a UNORM view, CPU devices).</param>
    public AtlasCellSampler(ThumbnailSet thumbnails, AtlasLayout layout, bool filterEncoded)
    {
        _thumbnails = thumbnails;
        _layout = layout;
        _filterEncoded = filterEncoded;
        _levels = new byte[layout.MipLevels][];
        _texels = new Vector4[layout.MipLevels][];
        for (int k = 0; k < _levels.Length; k++)
        {
            int size = Math.Max(1, layout.Slot >> k);
            _levels[k] = new byte[size * size * 4];
            _texels[k] = new Vector4[size * size];
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
        for (int k = 0; k < _levels.Length; k++) ToTexels(k);
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
        var texels = _texels[level];
        Vector4 t00 = texels[ya * size + xa], t10 = texels[ya * size + xb], t01 = texels[yb * size + xa], t11 = texels[yb * size + xb];
        Vector4 top = t00 + (t10 - t00) * fx, bottom = t01 + (t11 - t01) * fx;
        var result = top + (bottom - top) * fy;
        return (result.X, result.Y, result.Z, result.W);
    }

    /// <summary>
    /// Level <paramref name="level"/>'s bytes as the values filtering works on: alpha and, where the
    /// atlas decodes in the shader, colour as bytes / 255; else colour decoded to linear light.
    /// Converted once per cell, not per tap (16 taps a stamp pixel, 47 million pixels at 70k cells).
    /// </summary>
    private void ToTexels(int level)
    {
        var bytes = _levels[level];
        var texels = _texels[level];
        var decode = SrgbTables.Decode;
        for (int i = 0; i < texels.Length; i++)
        {
            byte r = bytes[4 * i], g = bytes[4 * i + 1], b = bytes[4 * i + 2];
            float a = bytes[4 * i + 3] / 255f;
            texels[i] = _filterEncoded ? new Vector4(r / 255f, g / 255f, b / 255f, a) : new Vector4(decode[r], decode[g], decode[b], a);
        }
    }
}
