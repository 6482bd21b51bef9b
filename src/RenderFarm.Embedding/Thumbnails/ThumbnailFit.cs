namespace RenderFarm.Embedding.Thumbnails;

/// <summary>How a non-square image becomes a square cell.</summary>
public enum ThumbnailFit
{
    /// <summary>The whole image, scaled so its longer side fills the cell, centred on transparency (sprites).</summary>
    Contain,

    /// <summary>The centred square of the image filling the whole cell (edge-to-edge grid mosaics).</summary>
    Cover,
}
