using System.Text;
using KinerjaFlow.Runtime.Indicators;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Indicators;

public abstract class IndicatorCatalogTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);

    private async Task<(AsyncServiceScope Scope, Guid UnitId)> ScopeAsync(string slug, string unitCode = DemoPemda.DemoSubUnit)
    {
        var tenant = await Database.TenantIdAsync(slug);
        await using var db = Database.CreateContext(tenant);
        var unit = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        return (Database.Scope(tenant), unit);
    }

    private static IndicatorInput Input(Guid unit, string code, decimal weight = 20, decimal target = 100, string name = "Persentase dokumen SKP yang diverifikasi",
        DateOnly? from = null, DateOnly? to = null) =>
        new(unit, code, name, "persen", IndicatorPolarity.HigherIsBetter, target, weight, from ?? Today.AddDays(-30), to);

    [SkippableFact]
    public async Task The_demo_units_start_with_indicators_in_force_today()
    {
        var (scope, unit) = await ScopeAsync("kotalama");
        await using var _ = scope;

        var indicators = await scope.ServiceProvider.GetRequiredService<IndicatorCatalog>().ListForUnitAsync(unit, Today, CancellationToken.None);

        Assert.Equal(["IK-01", "IK-02", "IK-03"], indicators.Select(i => i.Code));
        Assert.Equal(100m, indicators.Sum(i => i.Weight));
        Assert.Contains(indicators, i => i.Polarity == IndicatorPolarity.LowerIsBetter);
    }

    [SkippableFact]
    public async Task Indicators_are_added_updated_and_deactivated_per_unit()
    {
        var (scope, unit) = await ScopeAsync("kotalama");
        await using var _ = scope;
        var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();

        var added = await catalog.AddAsync(Input(unit, "T-01"), CancellationToken.None);
        Assert.True(added.IsSaved);
        var updated = await catalog.UpdateAsync(added.Indicator!.Id, added.Indicator.ToInput() with { Target = 85.5m, Polarity = IndicatorPolarity.LowerIsBetter }, CancellationToken.None);
        Assert.Equal((85.5m, IndicatorPolarity.LowerIsBetter), (updated!.Indicator!.Target, updated.Indicator.Polarity));
        Assert.Contains(await catalog.ListForUnitAsync(unit, Today, CancellationToken.None), i => i.Code == "T-01" && i.Target == 85.5m);

        Assert.True(await catalog.DeactivateAsync(added.Indicator.Id, CancellationToken.None));

        Assert.DoesNotContain(await catalog.ListForUnitAsync(unit, Today, CancellationToken.None), i => i.Code == "T-01");
        Assert.Contains(await catalog.ListForUnitAsync(unit, null, CancellationToken.None), i => i.Code == "T-01" && !i.IsActive);
        Assert.False(await catalog.DeactivateAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await catalog.UpdateAsync(Guid.NewGuid(), Input(unit, "T-09"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Bad_indicators_are_refused_with_the_field_at_fault()
    {
        var (scope, unit) = await ScopeAsync("kotalama");
        await using var _ = scope;
        var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();

        var refused = await catalog.AddAsync(Input(unit, "T-02", weight: 120, target: -1, name: " ", from: Today, to: Today.AddDays(-1)), CancellationToken.None);
        var duplicate = await catalog.AddAsync(Input(unit, "IK-01"), CancellationToken.None);
        var noUnit = await catalog.AddAsync(Input(Guid.NewGuid(), "T-03"), CancellationToken.None);

        Assert.Equal(["activeTo", "name", "target", "weight"], refused.Problems.Select(p => p.Field).Order());
        Assert.Contains("0 dan 100", refused.Problems.Single(p => p.Field == "weight").Indonesian, StringComparison.Ordinal);
        Assert.Equal("code", Assert.Single(duplicate.Problems).Field);
        Assert.Equal("unitId", Assert.Single(noUnit.Problems).Field);
        Assert.DoesNotContain(await catalog.ListForUnitAsync(unit, null, CancellationToken.None), i => i.Code is "T-02" or "T-03");
    }

    [SkippableFact]
    public async Task Only_indicators_whose_period_covers_the_date_are_offered()
    {
        var (scope, unit) = await ScopeAsync("palangkaraya");
        await using var _ = scope;
        var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();
        Assert.True((await catalog.AddAsync(Input(unit, "LAMA", from: new DateOnly(2020, 1, 1), to: new DateOnly(2020, 12, 31)), CancellationToken.None)).IsSaved);
        Assert.True((await catalog.AddAsync(Input(unit, "BARU", from: Today.AddDays(10)), CancellationToken.None)).IsSaved);

        var today = await catalog.ListForUnitAsync(unit, Today, CancellationToken.None);
        var in2020 = await catalog.ListForUnitAsync(unit, new DateOnly(2020, 6, 1), CancellationToken.None);

        Assert.DoesNotContain(today, i => i.Code is "LAMA" or "BARU");
        Assert.Equal(["LAMA"], in2020.Select(i => i.Code));
    }

    [SkippableFact]
    public async Task A_unit_of_another_pemda_cannot_receive_indicators()
    {
        var (other, foreignUnit) = await ScopeAsync("semarang");
        await other.DisposeAsync();
        var (scope, _) = await ScopeAsync("tangsel");
        await using var __ = scope;
        var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();

        var refused = await catalog.AddAsync(Input(foreignUnit, "T-04"), CancellationToken.None);

        Assert.Equal("unitId", Assert.Single(refused.Problems).Field);
        Assert.Empty(await catalog.ListForUnitAsync(foreignUnit, null, CancellationToken.None));
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [SkippableFact]
    public async Task A_CSV_import_with_one_bad_row_changes_nothing_and_names_every_bad_row()
    {
        var (scope, unit) = await ScopeAsync("banjarbaru");
        await using var _ = scope;
        var importer = scope.ServiceProvider.GetRequiredService<IndicatorCsvImporter>();
        var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();
        var before = await catalog.ListForUnitAsync(unit, null, CancellationToken.None);

        var report = await importer.ImportAsync(Csv($"""
            unit_kode;kode;nama;satuan;polaritas;target;bobot;berlaku_dari;berlaku_sampai
            {DemoPemda.DemoSubUnit};C-01;Persentase usulan kenaikan pangkat tepat waktu;persen;naik;95;30;2026-01-01;2026-12-31
            {DemoPemda.DemoSubUnit};C-02;Rata-rata hari verifikasi berkas;hari;turun;3,5;150;2026-01-01;
            TIDAK.ADA;C-03;Indikator unit lain;dokumen;naik;12;10;01/01/2026;
            {DemoPemda.DemoSubUnit};C-01;Duplikat;persen;ke atas;-5;10;2026-13-01;
            """), dryRun: false, CancellationToken.None);

        Assert.False(report.Applied);
        Assert.Contains(report.Rejected, p => p is { Line: 3, Column: "bobot" });
        Assert.Contains(report.Rejected, p => p is { Line: 4, Column: "unit_kode" } && p.MessageEn.Contains("TIDAK.ADA", StringComparison.Ordinal));
        Assert.Contains(report.Rejected, p => p is { Line: 5, Column: "polaritas" });
        Assert.Contains(report.Rejected, p => p is { Line: 5, Column: "berlaku_dari" });
        Assert.DoesNotContain(report.Rejected, p => p.Line == 2);
        Assert.All(report.Rejected, p => Assert.False(string.IsNullOrWhiteSpace(p.MessageId) || string.IsNullOrWhiteSpace(p.MessageEn)));
        Assert.Equal(before.Count, (await catalog.ListForUnitAsync(unit, null, CancellationToken.None)).Count);
    }

    [SkippableFact]
    public async Task A_clean_CSV_import_creates_and_then_updates_indicators()
    {
        var (scope, unit) = await ScopeAsync("semarang");
        await using var _ = scope;
        var importer = scope.ServiceProvider.GetRequiredService<IndicatorCsvImporter>();
        var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();
        var csv = $"""
            unit_kode,kode,nama,satuan,polaritas,target,bobot,berlaku_dari,berlaku_sampai
            {DemoPemda.DemoSubUnit},D-01,Persentase ASN yang mengikuti pelatihan 20 JP,persen,naik,80,25,2026-01-01,
            {DemoPemda.DemoSubUnit},IK-01,Program kerja terlaksana,persen,naik,"97,5",40,01/01/2026,31/12/2026
            """;

        var dry = await importer.ImportAsync(Csv(csv), dryRun: true, CancellationToken.None);
        Assert.Equal((true, false, 1, 1), (dry.IsValid, dry.Applied, dry.Created, dry.Updated));
        Assert.DoesNotContain(await catalog.ListForUnitAsync(unit, null, CancellationToken.None), i => i.Code == "D-01");

        var applied = await importer.ImportAsync(Csv(csv), dryRun: false, CancellationToken.None);

        Assert.Equal((true, 1, 1), (applied.Applied, applied.Created, applied.Updated));
        var all = await catalog.ListForUnitAsync(unit, null, CancellationToken.None);
        Assert.Equal((97.5m, "Program kerja terlaksana"), all.Where(i => i.Code == "IK-01").Select(i => (i.Target, i.Name)).Single());
        Assert.Null(all.Single(i => i.Code == "D-01").ActiveTo);

        var missingColumn = await importer.ImportAsync(Csv("unit_kode,kode,nama\nX,Y,Z\n"), dryRun: false, CancellationToken.None);
        Assert.Equal(1, Assert.Single(missingColumn.Rejected).Line);
    }
}
