namespace RenderFarm.Core.Scenes;

/// <summary>A parsed, checked scene: what to ingest and how to embed it.</summary>
public sealed record Scene
{
    /// <summary>Folder name under the output root: letters, digits, '.', '_' and '-'.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The file the scene was read from (absolute), or a label such as "request body".</summary>
    public required string SourcePath { get; init; }

    public required DatasetSpec Dataset { get; init; }

    public required EmbedderSpec Embedder { get; init; }

    public NearDuplicateSpec NearDuplicates { get; init; } = new();

    /// <summary>The <c>layouts:</c> entries in file order; empty when the scene has none.</summary>
    public IReadOnlyList<LayoutSpec> Layouts { get; init; } = [];

    /// <summary>The <c>render:</c> settings shared by every output (defaults when absent).</summary>
    public RenderSpec Render { get; init; } = new();

    /// <summary>The <c>outputs:</c> entries in file order; empty when the scene has none.</summary>
    public IReadOnlyList<OutputSpec> Outputs { get; init; } = [];

    /// <summary>When the render service re-renders the scene; null: only on request.</summary>
    public ScheduleSpec? Schedule { get; init; }
}
