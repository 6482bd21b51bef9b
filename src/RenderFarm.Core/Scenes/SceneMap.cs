using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RenderFarm.Core.Scenes;

/// <summary>
/// Typed, checked access to one mapping of a scene file. Every getter remembers the key as known,
/// so <see cref="RejectUnknownKeys"/> can name misspelt keys; every error carries file, line and
/// the dotted key path.
/// </summary>
internal sealed class SceneMap
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlNode> _keys = new(StringComparer.Ordinal);

    public SceneMap(YamlMappingNode node, string file, string path)
    {
        _node = node;
        File = file;
        Path = path;
        foreach ((YamlNode key, YamlNode value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw Error(key, "", "keys must be plain words");
            }

            if (!_values.TryAdd(name, value))
            {
                throw Error(key, name, "this key appears twice");
            }

            _keys[name] = key;
        }
    }

    public string File { get; }

    /// <summary>Dotted path of this mapping ("" for the root).</summary>
    public string Path { get; }

    public bool Has(string key) => _values.ContainsKey(key) && !IsNull(_values[key]);

    /// <summary>The keys in file order (for sections whose keys are names the user chooses).</summary>
    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!);

    /// <summary>Where this mapping itself starts, under its dotted path.</summary>
    public SceneLocation Location => new(File, (int)_node.Start.Line, (int)_node.Start.Column, Path);

    /// <summary>Where <paramref name="key"/> is written (its key's position), or this mapping's.</summary>
    public SceneLocation LocationOf(string key)
    {
        YamlNode node = _keys.TryGetValue(key, out YamlNode? k) ? k : _node;
        return new SceneLocation(File, (int)node.Start.Line, (int)node.Start.Column, Qualified(key));
    }

    public string? String(string key)
    {
        if (!TryScalar(key, "a text value", out YamlScalarNode? scalar))
        {
            return null;
        }

        return scalar.Value;
    }

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!TryScalar(key, "an integer", out YamlScalarNode? scalar))
        {
            return null;
        }

        if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out long value)
            && !long.TryParse(scalar.Value!.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            throw ErrorAt(key, $"expected an integer, got '{scalar.Value}'");
        }

        if (value < min || value > max)
        {
            throw ErrorAt(key, max == int.MaxValue ? $"must be at least {min}, got {value}" : $"must be between {min} and {max}, got {value}");
        }

        return (int)value;
    }

    public long? Long(string key, long min)
    {
        if (!TryScalar(key, "an integer", out YamlScalarNode? scalar))
        {
            return null;
        }

        if (!long.TryParse(scalar.Value!.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw ErrorAt(key, $"expected an integer, got '{scalar.Value}'");
        }

        return value >= min ? value : throw ErrorAt(key, $"must be at least {min}, got {value}");
    }

    public double? Double(string key, double min, double max)
    {
        if (!TryScalar(key, "a number", out YamlScalarNode? scalar))
        {
            return null;
        }

        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw ErrorAt(key, $"expected a number, got '{scalar.Value}'");
        }

        return value >= min && value <= max ? value : throw ErrorAt(key, $"must be between {min} and {max}, got {value}");
    }

    public bool? Bool(string key)
    {
        if (!TryScalar(key, "true or false", out YamlScalarNode? scalar))
        {
            return null;
        }

        return scalar.Value switch
        {
            "true" or "True" or "yes" or "on" => true,
            "false" or "False" or "no" or "off" => false,
            _ => throw ErrorAt(key, $"expected true or false, got '{scalar.Value}'"),
        };
    }

    /// <summary>A value from a closed set of words; the error lists them.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        string? word = String(key);
        if (word is null)
        {
            return null;
        }

        return choices.TryGetValue(word, out T value)
            ? value
            : throw ErrorAt(key, $"'{word}' is not one of: {string.Join(", ", choices.Keys)}");
    }

    public IReadOnlyList<string>? StringList(string key)
    {
        if (!TrySequence(key, out YamlSequenceNode? sequence))
        {
            return null;
        }

        return sequence.Children.Select(item => item is YamlScalarNode { Value: { } v }
            ? v
            : throw Error(item, Qualified(key), "expected a list of text values")).ToArray();
    }

    public float[]? FloatList(string key, int count)
    {
        if (!TrySequence(key, out YamlSequenceNode? sequence))
        {
            return null;
        }

        if (sequence.Children.Count != count)
        {
            throw ErrorAt(key, $"expected a list of {count} numbers, got {sequence.Children.Count}");
        }

        return sequence.Children.Select(item => item is YamlScalarNode { Value: { } v }
                && float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out float f) && float.IsFinite(f)
            ? f
            : throw Error(item, Qualified(key), $"expected a list of {count} numbers")).ToArray();
    }

    /// <summary>The value under <paramref name="key"/> as written, or null; for values that may take more than one shape.</summary>
    public YamlNode? Node(string key) => _values.TryGetValue(key, out YamlNode? node) && !IsNull(node) ? node : null;

    public SceneMap? Map(string key)
    {
        if (!_values.TryGetValue(key, out YamlNode? node) || IsNull(node))
        {
            return null;
        }

        return node is YamlMappingNode mapping
            ? new SceneMap(mapping, File, Qualified(key))
            : throw ErrorAt(key, $"expected a mapping of keys to values, got {Describe(node)}");
    }

    /// <summary>Fails on the first key not in <paramref name="known"/>, suggesting the closest known key.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> known)
    {
        foreach ((string key, YamlNode keyNode) in _keys)
        {
            if (!known.Contains(key))
            {
                string? guess = KeySuggestion.Closest(key, known);
                string hint = guess is null ? "" : $"; did you mean '{guess}'?";
                string where = Path.Length == 0 ? "at the top level" : $"in '{Path}'";
                throw Error(keyNode, Qualified(key), $"unknown key {where}{hint} (known keys: {string.Join(", ", known)})");
            }
        }
    }

    public SceneException ErrorAt(string key, string problem) =>
        Error(_values.TryGetValue(key, out YamlNode? node) ? node : _node, Qualified(key), problem);

    public SceneException Error(YamlNode node, string key, string problem) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, key, problem);

    public string Qualified(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private bool TryScalar(string key, string expected, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out YamlScalarNode? scalar)
    {
        scalar = null;
        if (!_values.TryGetValue(key, out YamlNode? node) || IsNull(node))
        {
            return false;
        }

        scalar = node as YamlScalarNode ?? throw ErrorAt(key, $"expected {expected}, got {Describe(node)}");
        return true;
    }

    private bool TrySequence(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out YamlSequenceNode? sequence)
    {
        sequence = null;
        if (!_values.TryGetValue(key, out YamlNode? node) || IsNull(node))
        {
            return false;
        }

        sequence = node as YamlSequenceNode ?? throw ErrorAt(key, $"expected a list, got {Describe(node)}");
        return true;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };
}
