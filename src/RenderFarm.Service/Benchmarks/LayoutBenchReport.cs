using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Core.Artifacts;

namespace RenderFarm.Service.Benchmarks;

/// <summary>The layout benchmark's rows with their checks, printed as a table and saved as OUTPUT/bench/layouts.json.</summary>
internal sealed record LayoutBenchReport(IReadOnlyList<LayoutBenchRow> Rows, IReadOnlyList<string> Notes)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A peer's /usr/bin/time report without a figure leaves NaN; the file must still be written.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Write(string outputRoot, TextWriter log)
    {
        string path = Path.Combine(outputRoot, "bench", "layouts.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
        log.WriteLine($"wrote {path}");
    }

    public void Print(TextWriter o)
    {
        var culture = CultureInfo.InvariantCulture;
        o.WriteLine($"{"task",-58} {"seconds",8} {"cores busy",10} {"peak MiB",9} {"T(15)",7} {"10-NN acc",9} {"mean disp",9}  note");
        foreach (LayoutBenchRow r in Rows)
        {
            o.WriteLine(string.Create(culture, $"{r.Task,-58} {r.Seconds,8:F2} {r.CoresBusy * 100,9:F0}% {r.PeakMib,9:N0} {Optional(r.Trustworthiness, "F4"),7} {Optional(r.KnnAccuracy, "F4"),9} {Optional(r.MeanDisplacementCells, "F3"),9}  {r.Note}"));
            foreach (LayoutBenchCheck c in r.Checks)
            {
                o.WriteLine("    " + Describe(c));
            }
        }

        foreach (string note in Notes)
        {
            o.WriteLine("note: " + note);
        }
    }

    private static string Describe(LayoutBenchCheck c)
    {
        var culture = CultureInfo.InvariantCulture;
        string reference = c.Reference is double peer ? string.Create(culture, $" vs {peer:G5}") : "";
        string ratio = c.Ratio is double r ? string.Create(culture, $" = {r:F3}×") : "";
        string target = c.Target.Length > 0 ? $", target {c.Target}" : "";
        string verdict = c.Met switch { true => ": met", false => ": MISSED", null => "" };
        string source = c.Source == "this run" ? "" : $" ({c.Source})";
        return string.Create(culture, $"{c.What}: {c.Ours:G5}{reference}{ratio}{target}{verdict}{source}");
    }

    private static string Optional(double? value, string format) =>
        value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
