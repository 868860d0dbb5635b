using System.Diagnostics;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Seeding;

/// <summary>Creates a synthetic pemda of N employees (up to 250,000) for benchmarks: a sekda, about
/// one perangkat daerah per 250 employees, four bidang each, and a full reporting line.</summary>
public sealed class PemdaGenerator(TenantDbContextFactory contexts, TimeProvider clock)
{
    public const int MaxEmployees = 250_000;

    public sealed record Result(Guid TenantId, int Units, int Positions, int Employees, TimeSpan Elapsed);

    public async Task<Result> GenerateAsync(string slug, string name, int employees, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (employees is < 10 or > MaxEmployees)
            throw new ArgumentOutOfRangeException(nameof(employees), employees, $"A generated pemda has 10 to {MaxEmployees:N0} employees.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(slug, "^[a-z0-9][a-z0-9-]{1,39}$"))
            throw new ArgumentException("The slug must be 2–40 lowercase letters, digits or dashes.", nameof(slug));
        var stopwatch = Stopwatch.StartNew();
        await using (var system = contexts.Create(null))
        {
            if (await system.Tenants.AnyAsync(t => t.Slug == slug, cancellationToken))
                throw new InvalidOperationException($"A pemda with slug '{slug}' already exists.");
        }

        var tenant = new Tenant { Slug = slug, Name = name, Kind = TenantKind.Kabupaten };
        var factory = new OrgFactory(tenant.Id, slug.Aggregate(17, (h, c) => unchecked((h * 31) + c)), DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        const int bidang = 4;
        var sekda = factory.AddSekretariatDaerah([new SubUnitSpec("UMUM", "Bagian Umum", "Kepala Bagian Umum", JabatanType.Administrator, [])]);
        for (var n = 1; factory.Employees.Count < employees; n++)
        {
            var remaining = employees - factory.Employees.Count - 1 - bidang;
            var perBidang = Math.Clamp(remaining / bidang, 0, 60);
            var subUnits = Enumerable.Range(1, bidang).Select(b => new SubUnitSpec($"B{b}", $"Bidang {b}", $"Kepala Bidang {b}", JabatanType.Administrator,
                [.. Enumerable.Range(0, perBidang).Select(i => i % 3 == 0 ? ("Analis", JabatanType.Fungsional) : ("Pengadministrasi Umum", JabatanType.Pelaksana))])).ToList();
            factory.AddOpd(new OpdSpec($"OPD{n:D4}", $"Perangkat Daerah {n}", $"Kepala Perangkat Daerah {n}", JabatanType.Jpt, subUnits), sekda);
        }

        await using var db = contexts.Create(tenant.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        // Parents before children: the factory adds a parent unit or superior position before the
        // rows that refer to it, and positions go in before the employees who hold them.
        var written = 0;
        async Task WriteAsync<T>(IReadOnlyList<T> rows)
            where T : class
        {
            foreach (var batch in rows.Chunk(25_000))
            {
                await db.BulkInsertAsync(batch, cancellationToken);
                progress?.Report(written += batch.Length);
            }
        }

        await WriteAsync(factory.Units);
        await WriteAsync(factory.Positions);
        await WriteAsync(factory.Employees);
        await transaction.CommitAsync(cancellationToken);
        return new Result(tenant.Id, factory.Units.Count, factory.Positions.Count, factory.Employees.Count, stopwatch.Elapsed);
    }
}
