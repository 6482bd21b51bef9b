using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RenderFarm.Core.Scenes;

/// <summary>Reads the list-shaped values of the outputs section (sizes, centres, sweep values) with the line of each bad item.</summary>
internal static class SceneValues
{
    public static double[]? Numbers(SceneMap map, string key, int minCount, int maxCount, double min, double max)
    {
        YamlNode? node = map.Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw map.ErrorAt(key, $"expected a list of numbers, got {DescribeShape(node)}");
        }

        int count = sequence.Children.Count;
        if (count < minCount || count > maxCount)
        {
            string wanted = minCount == maxCount ? $"{minCount}" : maxCount == int.MaxValue ? $"at least {minCount}" : $"{minCount} to {maxCount}";
            throw map.ErrorAt(key, $"expected a list of {wanted} numbers, got {count}");
        }

        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            YamlNode item = sequence.Children[i];
            if (item is not YamlScalarNode { Value: { } text }
                || !double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value))
            {
                throw map.Error(item, map.Qualified(key), $"item {i + 1}: expected a number");
            }

            if (value < min || value > max)
            {
                throw map.Error(item, map.Qualified(key), $"item {i + 1}: must be between {min} and {max}, got {value}");
            }

            values[i] = value;
        }

        return values;
    }

    /// <summary>Where each key of <paramref name="map"/> is written, plus the entry itself under <paramref name="selfKey"/>.</summary>
    public static Dictionary<string, SceneLocation> Locations(SceneMap map, string selfKey, SceneLocation self)
    {
        var locations = new Dictionary<string, SceneLocation>(StringComparer.Ordinal) { [selfKey] = self };
        foreach (string key in map.Keys)
        {
            locations[key] = map.LocationOf(key);
        }

        return locations;
    }

    public static string DescribeShape(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };
}
