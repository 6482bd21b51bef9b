namespace RenderFarm.Service.Renders;

/// <summary>Progress of the render stages after the layouts: thumbnails, atlas, frames of one output.</summary>
public readonly record struct RenderProgress(string Stage, int Done, int Total);
