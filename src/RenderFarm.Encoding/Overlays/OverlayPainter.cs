using RenderFarm.Core.Colors;
using SkiaSharp;

namespace RenderFarm.Encoding.Overlays;

/// <summary>Draws an <see cref="OverlaySpec"/> onto a Skia canvas of a frame's size.</summary>
internal static class OverlayPainter
{
    public static void Paint(SKCanvas canvas, OverlaySpec spec, int width, int height)
    {
        float scale = height / 1080f;
        float margin = spec.Margin * scale;
        if (!string.IsNullOrEmpty(spec.Title))
        {
            using var font = NewFont(OverlayFonts.Bold, spec.TitleSize * scale);
            DrawHaloText(canvas, spec.Title, margin, margin - font.Metrics.Ascent, SKTextAlign.Left, font, spec);
        }

        if (spec.Legend.Count > 0)
        {
            PaintLegend(canvas, spec, width, scale, margin);
        }

        if (spec.Labels.Count > 0)
        {
            using var font = NewFont(OverlayFonts.Bold, spec.LabelSize * scale);
            // Centre the text vertically on the point: the baseline sits half the cap height below it.
            float baselineOffset = -(font.Metrics.Ascent + font.Metrics.Descent) / 2;
            foreach (ClusterLabel label in spec.Labels)
            {
                DrawHaloText(canvas, label.Text, label.X, label.Y + baselineOffset, SKTextAlign.Center, font, spec);
            }
        }

        if (!string.IsNullOrEmpty(spec.Caption))
        {
            using var font = NewFont(OverlayFonts.Regular, spec.CaptionSize * scale);
            DrawHaloText(canvas, spec.Caption, margin, height - margin - font.Metrics.Descent, SKTextAlign.Left, font, spec);
        }
    }

    /// <summary>The legend's swatch rectangles, for tests and hit-probing (same layout as painted).</summary>
    public static IReadOnlyList<SKRect> LegendSwatches(OverlaySpec spec, int width, int height)
    {
        float scale = height / 1080f;
        return LegendLayout(spec, width, scale, spec.Margin * scale).Swatches;
    }

    private static void PaintLegend(SKCanvas canvas, OverlaySpec spec, int width, float scale, float margin)
    {
        (SKRect panel, List<SKRect> swatches, List<SKPoint> textOrigins, float fontSize) = LegendLayout(spec, width, scale, margin);
        using var font = NewFont(OverlayFonts.Regular, fontSize);
        using var panelPaint = NewPaint(spec.PanelColor);
        canvas.DrawRoundRect(panel, fontSize * 0.4f, fontSize * 0.4f, panelPaint);
        using var textPaint = NewPaint(spec.TextColor);
        for (int i = 0; i < spec.Legend.Count; i++)
        {
            using var swatchPaint = NewPaint(spec.Legend[i].Color);
            swatchPaint.IsAntialias = false; // crisp, exactly the palette colour
            canvas.DrawRect(swatches[i], swatchPaint);
            canvas.DrawText(spec.Legend[i].Name, textOrigins[i].X, textOrigins[i].Y, SKTextAlign.Left, font, textPaint);
        }
    }

    private static (SKRect Panel, List<SKRect> Swatches, List<SKPoint> TextOrigins, float FontSize) LegendLayout(
        OverlaySpec spec, int width, float scale, float margin)
    {
        float fontSize = spec.LegendSize * scale;
        using var font = NewFont(OverlayFonts.Regular, fontSize);
        float lineHeight = fontSize * 1.45f;
        float swatch = MathF.Round(fontSize * 0.8f);
        float padding = fontSize * 0.6f;
        float gap = fontSize * 0.45f;
        float textWidth = 0;
        foreach (LegendEntry entry in spec.Legend)
        {
            textWidth = Math.Max(textWidth, font.MeasureText(entry.Name));
        }

        float panelWidth = padding + swatch + gap + textWidth + padding;
        float panelHeight = padding * 2 + lineHeight * spec.Legend.Count - (lineHeight - fontSize);
        var panel = SKRect.Create(width - margin - panelWidth, margin, panelWidth, panelHeight);
        var swatches = new List<SKRect>(spec.Legend.Count);
        var origins = new List<SKPoint>(spec.Legend.Count);
        for (int i = 0; i < spec.Legend.Count; i++)
        {
            float top = panel.Top + padding + i * lineHeight;
            float centre = top + fontSize / 2;
            float x = MathF.Round(panel.Left + padding);
            float y = MathF.Round(centre - swatch / 2);
            swatches.Add(SKRect.Create(x, y, swatch, swatch));
            origins.Add(new SKPoint(panel.Left + padding + swatch + gap, centre - (font.Metrics.Ascent + font.Metrics.Descent) / 2));
        }

        return (panel, swatches, origins, fontSize);
    }

    private static void DrawHaloText(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, OverlaySpec spec)
    {
        using var halo = NewPaint(spec.HaloColor);
        halo.Style = SKPaintStyle.Stroke;
        halo.StrokeWidth = Math.Max(2f, font.Size * 0.18f);
        halo.StrokeJoin = SKStrokeJoin.Round;
        canvas.DrawText(text, x, y, align, font, halo);
        using var fill = NewPaint(spec.TextColor);
        canvas.DrawText(text, x, y, align, font, fill);
    }

    private static SKFont NewFont(SKTypeface typeface, float size) =>
        new(typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = true };

    private static SKPaint NewPaint(Rgba8 color) =>
        new() { Color = new SKColor(color.R, color.G, color.B, color.A), IsAntialias = true };
}
