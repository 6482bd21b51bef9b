namespace RenderFarm.Core.Scenes;

/// <summary>
/// Where a value sits in a scene file, kept with the parsed value so that a problem found later
/// (a parameter too large for the data, say) still names the file, line and key.
/// </summary>
public sealed record SceneLocation(string File, int Line, int Column, string Key)
{
    public static readonly SceneLocation None = new("", 0, 0, "");

    /// <summary>An error at this location, formatted like every scene error.</summary>
    public SceneException Error(string problem) => new(File, Line, Column, Key, problem);
}
