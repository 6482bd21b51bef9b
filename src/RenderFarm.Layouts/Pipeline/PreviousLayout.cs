using System.Runtime.InteropServices;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// A layout of an earlier run of the scene, as its run folder keeps it (<see cref="LayoutOutputs"/>):
/// item ids and coordinates (row i is item <c>Ids[i]</c>), the keys it was computed under, and the
/// run it came from. A re-render starts from it (see <see cref="WarmStart"/>).
/// </summary>
/// <param name="ParametersKey">The layout's method and parameters without the items (see <see cref="LayoutKey.Parameters"/>).</param>
/// <param name="ItemsKey">The embeddings key of the items it was computed from.</param>
/// <param name="Key">Its full cache key.</param>
public sealed record PreviousLayout(string Run, string Name, string ParametersKey, string ItemsKey, string Key, IReadOnlyList<string> Ids, Matrix Coordinates)
{
    /// <summary>
    /// Identifies the starting point exactly (ids in order and every coordinate's bits), for the
    /// cache key of a layout warm-started from it: other coordinates give another result.
    /// </summary>
    public string ContentKey()
    {
        var text = new System.Text.StringBuilder(Coordinates.Columns.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string id in Ids)
        {
            text.Append('|').Append(id.Replace("|", "||", StringComparison.Ordinal));
        }

        text.Append('|').Append(ContentHash.Of(MemoryMarshal.AsBytes(Coordinates.Data.AsSpan())).ToString());
        return ContentHash.OfText(text.ToString()).ToString();
    }
}
