using System.Text.Json;
using Json.Schema;
using KinerjaFlow.Forms.Fields;

namespace KinerjaFlow.Forms.Schema;

/// <summary>
/// The <c>format</c> values KinerjaFlow adds to JSON Schema: <c>nip</c> (checked with <see cref="Nip"/>)
/// and <c>rupiah</c> (a whole amount, 0 or more). Use them with the matching <c>type</c>
/// (<c>string</c> for NIP, <c>integer</c> for rupiah); the format does not repeat the type check.
/// </summary>
public static class FormFormats
{
    /// <summary>An 18-digit Nomor Induk Pegawai.</summary>
    public const string Nip = "nip";

    /// <summary>An amount of rupiah: a whole number, 0 or more.</summary>
    public const string Rupiah = "rupiah";

    /// <summary>Whether <paramref name="format"/> is one of ours or one JsonSchema.Net knows.</summary>
    public static bool IsKnown(string format) =>
        format is Nip or Rupiah || FormatRegistry.Global.Get(format) is not UnknownFormat;

    /// <summary>Whether <paramref name="value"/> is a valid rupiah amount (non-numbers are left to <c>type</c>).</summary>
    public static bool IsRupiah(JsonElement value) =>
        value.ValueKind != JsonValueKind.Number || (value.TryGetDecimal(out var amount) && amount >= 0 && decimal.Truncate(amount) == amount);

    // A local registry per validator, because the NIP check needs that validator's clock and the
    // global registry is shared with every other user of JsonSchema.Net in the process.
    internal static FormatRegistry CreateRegistry(TimeProvider clock)
    {
        var registry = new FormatRegistry();
        registry.Register(new PredicateFormat(Nip, value =>
            value.ValueKind != JsonValueKind.String
            || Fields.Nip.TryParse(value.GetString(), DateOnly.FromDateTime(clock.GetLocalNow().Date), out _, out _)));
        registry.Register(new PredicateFormat(Rupiah, IsRupiah));
        return registry;
    }
}
