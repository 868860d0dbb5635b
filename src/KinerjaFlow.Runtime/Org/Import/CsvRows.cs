using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace KinerjaFlow.Runtime.Org.Import;

/// <summary>A data row of an import file: its line number and its values by lower-case column name.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The value of <paramref name="column"/>, or empty.</summary>
    public string this[string column] => Values.TryGetValue(column, out var v) ? v : string.Empty;
}

/// <summary>
/// Reads an import file (UTF-8 CSV with a header; comma, semicolon or tab detected) into rows,
/// reporting in <c>problems</c> a missing header or column, a row of the wrong width, too many
/// rows, an unreadable file or no data; blank lines are skipped.
/// </summary>
public static class CsvRows
{
    public static List<CsvRow> Read(Stream csv, IReadOnlyList<string> columns, int maxRows, List<ImportProblem> problems)
    {
        var rows = new List<CsvRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
        };
        try
        {
            using var reader = new StreamReader(csv, new System.Text.UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvReader(reader, config);
            if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is not { Length: > 0 } header)
            {
                problems.Add(new ImportProblem(0, null, "Berkas kosong: baris judul kolom tidak ditemukan.", "The file is empty: no header row."));
                return rows;
            }

            var names = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var missing = columns.Where(c => !names.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                var list = string.Join(", ", missing);
                problems.Add(new ImportProblem(1, null,
                    $"Kolom wajib tidak ada: {list}. Kolom yang diharapkan: {string.Join(", ", columns)}.",
                    $"Required columns are missing: {list}. Expected columns: {string.Join(", ", columns)}."));
                return rows;
            }

            while (parser.Read())
            {
                if (rows.Count >= maxRows)
                {
                    problems.Add(new ImportProblem(0, null, $"Berkas melebihi {maxRows:N0} baris.", $"The file has more than {maxRows:N0} rows."));
                    return rows;
                }

                var line = parser.Parser.Row;
                var record = parser.Parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace))
                    continue;
                if (record.Length != names.Length)
                {
                    problems.Add(new ImportProblem(line, null,
                        $"Baris memiliki {record.Length} kolom, sedangkan judul memiliki {names.Length}.",
                        $"The row has {record.Length} fields but the header has {names.Length}."));
                    continue;
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                    values[names[i]] = record[i].Trim();
                rows.Add(new CsvRow(line, values));
            }
        }
        catch (Exception e) when (e is CsvHelperException or System.Text.DecoderFallbackException or IOException)
        {
            problems.Add(new ImportProblem(0, null,
                $"Berkas CSV tidak dapat dibaca (harus teks UTF-8 berformat CSV): {e.GetType().Name}.",
                $"The CSV file cannot be read (it must be UTF-8 text in CSV format): {e.GetType().Name}."));
        }

        if (rows.Count == 0 && problems.Count == 0)
            problems.Add(new ImportProblem(0, null, "Berkas tidak berisi baris data.", "The file has no data rows."));
        return rows;
    }
}
