using RenderFarm.Core.Artifacts;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Cli;

/// <summary>Hands the embed stage's result to the layout stage.</summary>
internal static class LayoutInputs
{
    public static LayoutInput From(EmbedResult embedded)
    {
        // The rows' content hashes in order, with the embedder's key, identify the matrix exactly.
        var rows = new System.Text.StringBuilder(embedded.Report.CacheKey);
        foreach (var item in embedded.Items)
        {
            rows.Append('|').Append(item.Hash.ToString());
        }

        return new LayoutInput(
            embedded.Vectors,
            embedded.Items.Select(i => i.Id).ToArray(),
            embedded.Items.Select(i => i.Label).ToArray(),
            embedded.ClassNames,
            ContentHash.OfText(rows.ToString()).ToString());
    }
}
