namespace RenderFarm.Core.Scenes;

/// <summary>
/// A scene file that cannot be used. The message starts with "file:line:column: key:" so editors
/// and people can jump to the spot.
/// </summary>
public sealed class SceneException : RenderFarmException
{
    public SceneException(string file, int line, int column, string key, string problem)
        : base(Format(file, line, column, key, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Key = key;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line, 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>Dotted path of the offending key, e.g. "dataset.limit"; empty for the whole file.</summary>
    public string Key { get; }

    public string Problem { get; }

    private static string Format(string file, int line, int column, string key, string problem)
    {
        string where = line > 0 ? $"{file}:{line}:{column}" : file;
        return key.Length > 0 ? $"{where}: {key}: {problem}" : $"{where}: {problem}";
    }
}
