using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RenderFarm.Core.Scenes;

/// <summary>
/// Reads a scene from YAML or JSON (JSON is read by the same YAML parser, so line numbers hold
/// for both), checks every key and type, resolves paths against the scene's folder and checks
/// that the inputs exist. Every error is a <see cref="SceneException"/> naming file, line and key.
/// </summary>
public static partial class SceneLoader
{
    public static Scene Load(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SceneException(path, 0, 0, "", $"cannot read the scene file: {e.Message}");
        }

        string defaultName = System.IO.Path.GetFileNameWithoutExtension(fullPath);
        return Parse(text, path, System.IO.Path.GetDirectoryName(fullPath)!, defaultName, fullPath);
    }

    /// <summary>Parses scene text. <paramref name="displayName"/> appears in errors; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static Scene Parse(string text, string displayName, string baseDirectory, string defaultName, string? sourcePath = null)
    {
        YamlMappingNode root = ReadRoot(text, displayName);
        var map = new SceneMap(root, displayName, "");
        map.RejectUnknownKeys(SceneKeys.Root);

        string name = map.String("name") ?? defaultName;
        if (!NamePattern().IsMatch(name))
        {
            throw map.ErrorAt("name", $"'{name}' cannot be a folder name; start with a letter or digit, then letters, digits, '.', '_' and '-' (at most 64)");
        }

        SceneMap datasetMap = map.Map("dataset") ?? throw map.Error(root, "dataset", "every scene needs a dataset section");
        DatasetSpec dataset = DatasetSectionReader.Read(datasetMap, baseDirectory);
        EmbedderSpec embedder = EmbedderSectionReader.Read(map.Map("embedder"), dataset, baseDirectory);
        NearDuplicateSpec nearDuplicates = ReadNearDuplicates(map.Map("near_duplicates"));
        IReadOnlyList<LayoutSpec> layouts = LayoutSectionReader.Read(map.Map("layouts"));

        return new Scene
        {
            Name = name,
            Description = map.String("description"),
            SourcePath = sourcePath ?? displayName,
            Dataset = dataset,
            Embedder = embedder,
            NearDuplicates = nearDuplicates,
            Layouts = layouts,
            Render = RenderSectionReader.Read(map.Map("render")),
            Outputs = OutputSectionReader.Read(map.Map("outputs"), layouts, dataset),
            Schedule = ScheduleSectionReader.Read(map.Map("schedule")),
        };
    }

    private static YamlMappingNode ReadRoot(string text, string displayName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            string problem = e.InnerException?.Message ?? e.Message;
            if (problem.Contains("uplicate key", StringComparison.Ordinal))
            {
                problem = "a key appears twice in one mapping";
                throw new SceneException(displayName, (int)e.Start.Line, (int)e.Start.Column, "", problem);
            }

            throw new SceneException(displayName, (int)e.Start.Line, (int)e.Start.Column, "", $"not valid YAML or JSON: {problem}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new SceneException(displayName, 0, 0, "", "the scene file is empty");
        }

        if (stream.Documents.Count > 1)
        {
            throw new SceneException(displayName, (int)stream.Documents[1].RootNode.Start.Line, 1, "", "a scene file holds one document; remove the second '---'");
        }

        YamlNode rootNode = stream.Documents[0].RootNode;
        return rootNode as YamlMappingNode
            ?? throw new SceneException(displayName, (int)rootNode.Start.Line, (int)rootNode.Start.Column, "", "a scene is a mapping of keys (name, dataset, embedder, ...) to values");
    }

    private static NearDuplicateSpec ReadNearDuplicates(SceneMap? map)
    {
        if (map is null)
        {
            return new NearDuplicateSpec();
        }

        map.RejectUnknownKeys(SceneKeys.NearDuplicates);
        var defaults = new NearDuplicateSpec();
        return new NearDuplicateSpec
        {
            Enabled = map.Bool("enabled") ?? defaults.Enabled,
            Threshold = map.Double("threshold", 0, 1) ?? defaults.Threshold,
            MaxPairs = map.Int("max_pairs", 0) ?? defaults.MaxPairs,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
