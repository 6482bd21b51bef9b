using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Reports;

namespace RenderFarm.Embedding.Pipeline;

/// <summary>The outcome of an embed run: the usable items, their vectors (row i ↔ item i) and the report.</summary>
public sealed record EmbedResult(
    IReadOnlyList<DatasetItem> Items,
    Matrix Vectors,
    IReadOnlyList<string> ClassNames,
    EmbedReport Report,
    string OutputDirectory);
