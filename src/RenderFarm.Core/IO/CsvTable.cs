using System.Text;

namespace RenderFarm.Core.IO;

/// <summary>One CSV record and the line of the file it starts on (for error messages).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A CSV file read whole: a header row and records (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks). Errors name the file and the line.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(string name, IReadOnlyList<string> header, IReadOnlyList<CsvRecord> records)
    {
        Name = name;
        Header = header;
        Records = records;
    }

    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRecord> Records { get; }

    public static CsvTable Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RenderFarmException($"{path}: cannot read the CSV file: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static CsvTable Parse(string text, string name)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool quoted = false;
        bool fieldWasQuoted = false;
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    quoted = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    throw new RenderFarmException($"{name}:{line}: a quote inside an unquoted field; quote the whole field and double inner quotes.");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (fieldWasQuoted)
                    {
                        throw new RenderFarmException($"{name}:{line}: text after a closing quote.");
                    }

                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new RenderFarmException($"{name}:{recordLine}: a quoted field is never closed.");
        }

        EndRecord();
        if (records.Count == 0)
        {
            throw new RenderFarmException($"{name}: the CSV file is empty; it needs a header row.");
        }

        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        var rows = records.Skip(1).ToArray();
        foreach (CsvRecord row in rows)
        {
            if (row.Fields.Count != header.Length)
            {
                throw new RenderFarmException($"{name}:{row.Line}: {row.Fields.Count} fields, but the header has {header.Length}.");
            }
        }

        return new CsvTable(name, header, rows);

        void EndRecord()
        {
            // A blank line is not a record (files often end with one or two).
            if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
            {
                fields.Add(field.ToString());
                records.Add(new CsvRecord(recordLine, fields.ToArray()));
            }

            fields.Clear();
            field.Clear();
            fieldWasQuoted = false;
        }
    }

    /// <summary>A field as written in a CSV file: quoted (inner quotes doubled) only when it must be.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>The index of <paramref name="column"/> (case-insensitive), or -1.</summary>
    public int ColumnIndex(string column)
    {
        for (int i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
