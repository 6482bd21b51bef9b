namespace RenderFarm.Core.Scenes;

/// <summary>The <c>overlays:</c> of one output: which are drawn (a timeline can fade them).</summary>
public sealed record OverlaySpec
{
    /// <summary>Title text at the top; null draws none.</summary>
    public string? Title { get; init; }

    /// <summary>Class (or cluster) names with their colours.</summary>
    public bool Legend { get; init; } = true;

    /// <summary>Cluster names at cluster centroids.</summary>
    public bool ClusterLabels { get; init; }

    /// <summary>A caption naming the layout on screen and its quality figures.</summary>
    public bool Caption { get; init; } = true;

    public bool IsEnabled(Overlay overlay) => overlay switch
    {
        Overlay.Title => Title is not null,
        Overlay.Legend => Legend,
        Overlay.ClusterLabels => ClusterLabels,
        Overlay.Caption => Caption,
        _ => false,
    };
}
