using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Renders;

/// <summary>
/// The newest good run of a scene (what <c>OUTPUT/&lt;scene&gt;/latest</c> points at) and the
/// layouts its run folder kept, which a re-render starts from and compares its items with.
/// </summary>
public sealed record PreviousRun(string RunId, string Path, IReadOnlyDictionary<string, PreviousLayout> Layouts)
{
    /// <summary>The run <c>latest</c> in <paramref name="sceneFolder"/> points at, or null when there is none.</summary>
    public static PreviousRun? Find(string sceneFolder)
    {
        if (LatestPointer.Read(sceneFolder) is not { } path)
        {
            return null;
        }

        return At(path);
    }

    /// <summary>The run in <paramref name="path"/>, or null when that folder is gone (its layouts unreadable then too).</summary>
    public static PreviousRun? At(string path)
    {
        if (!Directory.Exists(path))
        {
            return null;
        }

        string id = System.IO.Path.GetFileName(path);
        return new PreviousRun(id, path, LayoutOutputs.ReadPrevious(System.IO.Path.Combine(path, LayoutOutputs.Folder), id));
    }

    /// <summary>The previous run's item ids (every layout of a run lists the same items), or null when no layout was readable.</summary>
    public IReadOnlyList<string>? Ids => Layouts.Values.FirstOrDefault()?.Ids;
}
