using System.Globalization;
using System.Security.Cryptography;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// A SHA-256 over what a scheduled render depends on in the dataset: every item's id, label and
/// content. In-memory items (IDX pixels, vectors) carry their content hash from loading; image
/// files are represented by size and modification time, so checking a large folder reads no
/// image (the embed stage hashes the content anyway when it runs).
/// </summary>
public static class DatasetFingerprint
{
    public static string Of(Scene scene)
    {
        Dataset dataset = DatasetLoader.Load(scene.Dataset);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (DatasetItem item in dataset.Items)
        {
            string content = item.Hash?.ToString() ?? item.Source switch
            {
                ImageFileSource file when new FileInfo(file.Path) is { Exists: true } info =>
                    string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}"),
                _ => "?",
            };
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{item.Id}\0{item.Label}\0{content}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
