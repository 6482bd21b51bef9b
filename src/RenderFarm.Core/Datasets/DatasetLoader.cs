using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Datasets;

/// <summary>Loads the dataset a scene names and applies its sampling.</summary>
public static class DatasetLoader
{
    public static Dataset Load(DatasetSpec spec)
    {
        Dataset full = spec.Kind switch
        {
            DatasetKind.ImageFolder => ImageFolderReader.Read(spec),
            DatasetKind.Csv => CsvManifestReader.Read(spec),
            DatasetKind.Idx => IdxReader.Read(spec),
            DatasetKind.Embeddings => EmbeddingsReader.Read(spec),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown dataset kind"),
        };

        if (spec.Limit is not int limit || limit >= full.Items.Count)
        {
            return full;
        }

        IReadOnlyList<DatasetItem> sample = StratifiedSampler.Sample(full.Items, limit, spec.Seed, spec.Stratify);
        string how = spec.Stratify ? "stratified by label" : "uniform";
        return new Dataset
        {
            Kind = full.Kind,
            Items = sample,
            ClassNames = full.ClassNames,
            Skipped = full.Skipped,
            Vectors = full.Vectors,
            NativeSize = full.NativeSize,
            TotalBeforeSampling = full.TotalBeforeSampling,
            Description = $"{full.Description}; sample of {sample.Count:N0} ({how}, seed {spec.Seed})",
        };
    }
}
