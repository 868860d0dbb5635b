using System.Text.Json;
using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Forms.Schema;

namespace KinerjaFlow.Forms.Validation;

/// <summary>
/// KinerjaFlow's own message table, keyed by JSON Schema keyword, in Bahasa Indonesia and English
/// (JsonSchema.Net has no Indonesian messages). Limits are read from the schema that failed, so the
/// texts name them ("Paling sedikit 3 karakter.").
/// </summary>
public static class ValidationMessages
{
    /// <summary>The message for <paramref name="keyword"/>.</summary>
    /// <param name="keyword">The JSON Schema keyword that failed, or <c>notEditable</c>.</param>
    /// <param name="schema">The (sub)schema that holds the keyword, when known.</param>
    /// <param name="value">The value that failed, when known.</param>
    /// <param name="today">The date for NIP checks, so that the reason matches the one that failed.</param>
    public static (string Indonesian, string English) For(string keyword, JsonElement? schema, JsonElement? value, DateOnly today)
    {
        var limit = schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(keyword, out var l) ? l.GetRawText() : "?";
        return keyword switch
        {
            "required" => ("Wajib diisi.", "This field is required."),
            "type" => ($"Harus berupa {TypeNames(schema, indonesian: true)}.", $"Must be {TypeNames(schema, indonesian: false)}."),
            "minimum" => ($"Paling kecil {limit}.", $"Must be at least {limit}."),
            "maximum" => ($"Paling besar {limit}.", $"Must be at most {limit}."),
            "exclusiveMinimum" => ($"Harus lebih besar dari {limit}.", $"Must be greater than {limit}."),
            "exclusiveMaximum" => ($"Harus lebih kecil dari {limit}.", $"Must be less than {limit}."),
            "multipleOf" => ($"Harus kelipatan {limit}.", $"Must be a multiple of {limit}."),
            "minLength" => ($"Paling sedikit {limit} karakter.", $"Must be at least {limit} characters."),
            "maxLength" => ($"Paling banyak {limit} karakter.", $"Must be at most {limit} characters."),
            "pattern" => ("Bentuk isian tidak sesuai.", "The value does not have the expected form."),
            "enum" or "oneOf" or "anyOf" => ("Pilih salah satu nilai yang tersedia.", "Choose one of the allowed values."),
            "const" => ($"Nilainya harus {limit}.", $"The value must be {limit}."),
            "format" => Format(schema, value, today),
            "minItems" => ($"Paling sedikit {limit} baris.", $"Must have at least {limit} items."),
            "maxItems" => ($"Paling banyak {limit} baris.", $"Must have at most {limit} items."),
            "contains" => ("Belum memuat semua pilihan yang wajib.", "Does not include every required choice."),
            "uniqueItems" => ("Tidak boleh ada isian yang sama.", "Items must not repeat."),
            "minProperties" => ($"Paling sedikit {limit} isian.", $"Must have at least {limit} fields."),
            "maxProperties" => ($"Paling banyak {limit} isian.", $"Must have at most {limit} fields."),
            "additionalProperties" or "unevaluatedProperties" or "false" =>
                ("Isian ini tidak dikenal dalam formulir.", "This field is not part of the form."),
            "notEditable" => ("Isian ini tidak boleh diubah pada langkah ini.", "This field cannot be changed at this step."),
            _ => ($"Nilai tidak valid ({keyword}).", $"The value is not valid ({keyword})."),
        };
    }

    private static (string, string) Format(JsonElement? schema, JsonElement? value, DateOnly today)
    {
        var format = schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
            ? f.GetString()
            : null;
        switch (format)
        {
            case FormFormats.Nip:
                var text = value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
                var error = Nip.TryParse(text, today, out _, out var reason) ? NipError.Shape : reason!.Value;
                return (NipErrors.Message(error, "id"), NipErrors.Message(error, "en"));
            case FormFormats.Rupiah:
                return ("Harus jumlah rupiah bulat, 0 atau lebih.", "Must be a whole rupiah amount, 0 or more.");
            case "email":
                return ("Alamat email tidak valid.", "Not a valid email address.");
            case "date":
                return ("Tanggal tidak valid (TTTT-BB-HH).", "Not a valid date (YYYY-MM-DD).");
            case "date-time":
                return ("Tanggal dan waktu tidak valid.", "Not a valid date and time.");
            default:
                return ($"Tidak sesuai format {format}.", $"Does not match the format {format}.");
        }
    }

    private static string TypeNames(JsonElement? schema, bool indonesian)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("type", out var type))
            return indonesian ? "nilai yang benar" : "a valid value";
        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? string.Empty)
            : [type.GetString() ?? string.Empty];
        return string.Join(indonesian ? " atau " : " or ", names.Select(name => (name, indonesian) switch
        {
            ("string", true) => "teks",
            ("string", false) => "text",
            ("integer", true) => "bilangan bulat",
            ("integer", false) => "a whole number",
            ("number", true) => "angka",
            ("number", false) => "a number",
            ("boolean", true) => "ya/tidak",
            ("boolean", false) => "yes/no",
            ("array", true) => "daftar",
            ("array", false) => "a list",
            ("object", true) => "kelompok isian",
            ("object", false) => "a group of fields",
            ("null", true) => "kosong",
            ("null", false) => "empty",
            _ => name,
        }));
    }
}
