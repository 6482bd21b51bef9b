using System.Globalization;
using System.Text;
using RenderFarm.Core;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;

namespace RenderFarm.Embedding.Pipeline;

/// <summary>
/// The files of an embed run under <c>output/&lt;scene&gt;/</c>: <c>embeddings.npy</c> (row i is item i),
/// <c>items.csv</c> (index, id, label, content hash, source) and <c>report.json</c>, each written
/// atomically; the report goes last, so its presence means the run finished. A run that finds
/// nothing usable writes only <c>report.failed.json</c>.
/// </summary>
public static class EmbedOutputs
{
    public const string EmbeddingsFile = "embeddings.npy";
    public const string ItemsFile = "items.csv";
    public const string ReportFile = "report.json";

    /// <summary>The report of a run that found nothing usable; the previous outputs are left alone.</summary>
    public const string FailedReportFile = "report.failed.json";

    public static void WriteItems(string path, IReadOnlyList<DatasetItem> items, IReadOnlyList<ContentHash> hashes)
    {
        var text = new StringBuilder("index,id,label,content_hash,source\n");
        for (int i = 0; i < items.Count; i++)
        {
            DatasetItem item = items[i];
            string source = item.Source switch
            {
                ImageFileSource f => f.Path,
                VectorSource { ImagePath: { } image } => image,
                _ => "",
            };
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvTable.Quote(item.Id)).Append(',')
                .Append(CsvTable.Quote(item.Label ?? "")).Append(',')
                .Append(hashes[i].ToString()).Append(',')
                .Append(CsvTable.Quote(source)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>The ids of the previous run's items, or null when there was none.</summary>
    public static HashSet<string>? ReadPreviousIds(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            CsvTable table = CsvTable.Load(path);
            int id = table.ColumnIndex("id");
            return id < 0 ? null : table.Records.Select(r => r.Fields[id]).ToHashSet(StringComparer.Ordinal);
        }
        catch (RenderFarmException)
        {
            // A damaged previous listing only costs the added/removed counts.
            return null;
        }
    }
}
