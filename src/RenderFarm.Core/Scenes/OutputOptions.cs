namespace RenderFarm.Core.Scenes;

/// <summary>What an output entry writes.</summary>
public enum OutputKind
{
    /// <summary>One PNG (tiled and stitched when larger than the device allows).</summary>
    Image,

    /// <summary>An H.264 MP4 driven by a timeline.</summary>
    Video,
}

/// <summary>How items are drawn.</summary>
public enum OutputStyle
{
    /// <summary>Each item as its thumbnail.</summary>
    Sprites,

    /// <summary>Each item as a coloured disc (2-D) or sphere impostor (3-D).</summary>
    Points,

    /// <summary>The 2-D layout raised by terrain height into 3-D, seen through a perspective camera.</summary>
    Terrain,

    /// <summary>A grid layout drawn edge to edge as a mosaic of thumbnails.</summary>
    GridMosaic,
}

/// <summary>How a sprite's thumbnail meets the background.</summary>
public enum SpriteMode
{
    /// <summary>Dark pixels transparent (MNIST-style: the object without its black square).</summary>
    Threshold,

    /// <summary>The whole tile, optionally with a class-coloured border.</summary>
    Opaque,
}

/// <summary>What picks the colour of points, borders and legend entries.</summary>
public enum ColorBy
{
    Label,
    Cluster,
}

/// <summary>The unit of <see cref="OutputSpec.ItemSize"/>.</summary>
public enum SizeUnits
{
    /// <summary>Output pixels: items keep their size when the camera zooms.</summary>
    Pixels,

    /// <summary>Layout units: items grow when the camera zooms in.</summary>
    World,
}

/// <summary>The overlays a frame can carry; the order is the index into <see cref="Timelines.FrameState.OverlayOpacity"/>.</summary>
public enum Overlay
{
    Title,
    Legend,
    ClusterLabels,
    Caption,
}

/// <summary>Which items an output singles out.</summary>
public enum HighlightMode
{
    /// <summary>Every item in its own colour.</summary>
    None,

    /// <summary>Items that were not in the previous run in an accent colour; the others fainter.</summary>
    New,
}
