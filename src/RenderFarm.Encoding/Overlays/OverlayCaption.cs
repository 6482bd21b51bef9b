using System.Globalization;
using System.Text;

namespace RenderFarm.Encoding.Overlays;

/// <summary>Caption text for a layout: "umap · T(15) 0.978 · 10-NN accuracy 0.768".</summary>
public static class OverlayCaption
{
    public static string ForLayout(string layoutName, IEnumerable<KeyValuePair<string, double>> metrics)
    {
        var text = new StringBuilder(layoutName);
        foreach ((string name, double value) in metrics)
        {
            text.Append(" · ").Append(name).Append(' ').Append(value.ToString("0.###", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
