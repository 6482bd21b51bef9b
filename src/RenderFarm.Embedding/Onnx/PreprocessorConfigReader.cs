using System.Text.Json;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// Typed access to the keys of a <c>preprocessor_config.json</c> object. JSON null counts as absent
/// (HF writes <c>"crop_size": null</c> for processors without a crop); a wrong type is an error that
/// names the file and the key, because silently ignoring it would change every embedding.
/// </summary>
internal readonly struct PreprocessorConfigReader(JsonElement root, string path)
{
    public bool? Bool(string key)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(key, "true or false", value),
        };
    }

    public float? Float(string key) =>
        TryGet(key, out JsonElement value) ? ToFloat(key, value) : null;

    /// <summary>A list of numbers; a single number is accepted too (some configs give one value for all channels).</summary>
    public float[]? Floats(string key)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return [ToFloat(key, value)];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Invalid(key, "a list of numbers", value);
        }

        var result = new float[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            result[i++] = ToFloat(key, item);
        }

        return result;
    }

    /// <summary>
    /// HF sizes come as an integer, <c>{"shortest_edge": n}</c> or <c>{"height": h, "width": w}</c>.
    /// Other dict keys (<c>longest_edge</c>) are ignored as long as one of those forms is present.
    /// </summary>
    public (int? Side, int? ShortestEdge, int? Height, int? Width) Size(string key)
    {
        if (!TryGet(key, out JsonElement value))
        {
            return (null, null, null, null);
        }

        const string expected = "an integer, {\"shortest_edge\": n} or {\"height\": h, \"width\": w}";
        if (value.ValueKind == JsonValueKind.Number)
        {
            return (ToSide(key, value), null, null, null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(key, expected, value);
        }

        var inner = new PreprocessorConfigReader(value, path);
        int? shortest = inner.Side("shortest_edge", key);
        int? height = inner.Side("height", key);
        int? width = inner.Side("width", key);
        if (height.HasValue != width.HasValue || (shortest is null && height is null))
        {
            throw Invalid(key, expected, value);
        }

        return (null, shortest, height, width);
    }

    private int? Side(string key, string parent) =>
        TryGet(key, out JsonElement value) ? ToSide($"{parent}.{key}", value) : null;

    private bool TryGet(string key, out JsonElement value) =>
        root.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;

    private float ToFloat(string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)
            ? (float)number
            : throw Invalid(key, "a number", value);

    private int ToSide(string key, JsonElement value)
    {
        // Python writes 224.0 when a size went through a float; accept any whole positive number.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number)
            && number >= 1 && number <= 65536 && number == Math.Floor(number))
        {
            return (int)number;
        }

        throw Invalid(key, "a positive whole number", value);
    }

    private EmbeddingException Invalid(string key, string expected, JsonElement value) =>
        new($"{path}: \"{key}\" must be {expected}, found {value.GetRawText()}.");
}
