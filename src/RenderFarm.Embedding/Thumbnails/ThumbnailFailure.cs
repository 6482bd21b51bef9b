namespace RenderFarm.Embedding.Thumbnails;

/// <summary>An item whose thumbnail could not be made; its cell stays transparent.</summary>
public sealed record ThumbnailFailure(int Index, string ItemId, string Reason);
