using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Indicators;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KinerjaFlow.Runtime.Seeding;

/// <summary>
/// Seeds the five demo pemda with their org directory, holidays, one login per role plus the head of
/// BKPSDM, and every form and workflow of the national template library, published. Idempotent per
/// pemda, per login and per template, so an interrupted first start completes on the next one and a
/// pemda seeded before a template shipped gets it on the next start.
/// </summary>
public sealed partial class DemoSeeder(
    TenantDbContextFactory contexts,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TemplateLibrary templates,
    FormDefinitionValidator formValidator,
    SubmissionValidator submissions,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The password of every demo login.</summary>
    public const string DemoPassword = "Demo#2026";

    /// <summary>The system administrator's demo login.</summary>
    public const string SysAdminEmail = "sysadmin@kinerjaflow.demo";

    /// <summary>The local part of the demo login of the head of BKPSDM (<c>kepala.bkpsdm@SLUG.demo</c>, role atasan).</summary>
    public const string KepalaBkpsdmLogin = "kepala.bkpsdm";

    /// <summary>The code of the position whose holder is the <see cref="KepalaBkpsdmLogin"/> login.</summary>
    public const string KepalaBkpsdmPosition = "BKPSDM.KEPALA";

    /// <summary>Demo logins in the order they are printed: e-mail, role, pemda name.</summary>
    public static IEnumerable<(string Email, string Role, string Pemda)> DemoLogins =>
        DemoPemda.All.SelectMany(p => new[] { Roles.Pegawai, Roles.Atasan, Roles.Pemilik, Roles.Admin }.Select(r => ($"{r}@{p.Slug}.demo", r, p.Name))
                .Append(($"{KepalaBkpsdmLogin}@{p.Slug}.demo", Roles.Atasan, p.Name)))
            .Append((SysAdminEmail, Roles.SysAdmin, "-"));

    public Task SeedAsync(CancellationToken cancellationToken) => SeedAsync(publishTemplates: true, cancellationToken);

    /// <summary>Seeds the demo; without <paramref name="publishTemplates"/> the pemda get no forms or workflows (tests that need a pemda without any).</summary>
    public async Task SeedAsync(bool publishTemplates, CancellationToken cancellationToken)
    {
        await RoleCatalog.EnsureCreatedAsync(roles);

        foreach (var pemda in DemoPemda.All)
            await SeedPemdaAsync(pemda, publishTemplates, cancellationToken);
        await EnsureUserAsync(SysAdminEmail, "Administrator Sistem", null, null, Roles.SysAdmin);
    }

    private async Task SeedPemdaAsync(DemoPemda.Spec pemda, bool publishTemplates, CancellationToken cancellationToken)
    {
        await using var system = contexts.Create(null);
        var tenant = await system.Tenants.SingleOrDefaultAsync(t => t.Slug == pemda.Slug, cancellationToken);
        if (tenant is null)
        {
            tenant = new Tenant { Slug = pemda.Slug, Name = pemda.Name, Kind = TenantKind.Kota, Settings = pemda.Settings };
            await using var db = contexts.Create(tenant.Id);
            var factory = new OrgFactory(tenant.Id, pemda.Seed, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
            var sekda = factory.AddSekretariatDaerah(DemoPemda.SetdaBagian);
            var extra = new Random(pemda.Seed).Next(0, 7);
            foreach (var opd in DemoPemda.Opds(pemda, extra))
                factory.AddOpd(opd, sekda);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Tenants.Add(tenant);
            db.Units.AddRange(factory.Units);
            db.Positions.AddRange(factory.Positions);
            db.Employees.AddRange(factory.Employees);
            db.Holidays.AddRange(DemoPemda.Holidays2026.Select(h => new Holiday { Date = h.Date, Name = h.Name }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogSeeded(logger, pemda.Name, factory.Units.Count, factory.Employees.Count);
        }

        await using var tenantDb = contexts.Create(tenant.Id);
        await SeedIndicatorsAsync(tenantDb, cancellationToken);
        var subUnit = await tenantDb.Units.SingleAsync(u => u.Code == DemoPemda.DemoSubUnit, cancellationToken);
        var staff = await tenantDb.Employees.Where(e => e.UnitId == subUnit.Id)
            .OrderByDescending(e => e.Position!.IsUnitHead).ThenBy(e => e.Position!.Code)
            .ToListAsync(cancellationToken);
        // The sub-unit head is the atasan of the three staff who are pegawai, pemilik and admin.
        (string Role, Employee Employee)[] logins = [(Roles.Atasan, staff[0]), (Roles.Pegawai, staff[1]), (Roles.Pemilik, staff[2]), (Roles.Admin, staff[3])];
        foreach (var (role, employee) in logins)
        {
            var email = $"{role}@{pemda.Slug}.demo";
            if (employee.Email != email)
            {
                employee.Email = email;
                await tenantDb.SaveChangesAsync(cancellationToken);
            }

            await EnsureUserAsync(email, employee.Name, tenant.Id, employee.Id, role);
        }

        // The head of BKPSDM approves training requests: an atasan login for the holder of that position.
        var kepala = await tenantDb.Employees.Where(e => e.Position!.Code == KepalaBkpsdmPosition).OrderBy(e => e.Nip).FirstAsync(cancellationToken);
        var kepalaEmail = $"{KepalaBkpsdmLogin}@{pemda.Slug}.demo";
        if (kepala.Email != kepalaEmail)
        {
            kepala.Email = kepalaEmail;
            await tenantDb.SaveChangesAsync(cancellationToken);
        }

        await EnsureUserAsync(kepalaEmail, kepala.Name, tenant.Id, kepala.Id, Roles.Atasan);
        if (publishTemplates)
            await SeedTemplatesAsync(pemda, tenantDb, cancellationToken);
    }

    /// <summary>Publishes every shipped form, then every shipped workflow (each after its forms), leaving what the pemda already has published alone.</summary>
    private async Task SeedTemplatesAsync(DemoPemda.Spec pemda, KinerjaFlowDbContext db, CancellationToken cancellationToken)
    {
        var cloner = new TemplateCloner(templates, new FormStore(db, formValidator, submissions, clock), new DefinitionStore(db, clock), formValidator);
        var work = templates.FormKeys().Select(k => (Key: k, Kind: TemplateKind.Form))
            .Concat(templates.WorkflowKeys().Select(k => (Key: k, Kind: TemplateKind.Workflow)));
        foreach (var (key, kind) in work)
        {
            var report = await cloner.CloneIntoTenantAsync(key, kind, TemplateCloneMode.SkipPublished, "Data demo / Demo data", cancellationToken);
            db.ChangeTracker.Clear();
            if (!report.Succeeded)
            {
                // A demo must still start when one template is broken; the log says which and why.
                LogTemplateRefused(logger, key, pemda.Name, string.Join("; ", report.Problems.Select(p => $"{p.Key}: {p.English}")));
                continue;
            }

            foreach (var step in report.Steps.Where(s => s.Action != TemplateCloneAction.Skipped))
                LogTemplatePublished(logger, step.Kind, step.Key, step.Version, pemda.Name);
        }
    }

    /// <summary>Three indicators per unit for the current year, once per pemda (also into a pemda seeded before indicators existed).</summary>
    private async Task SeedIndicatorsAsync(KinerjaFlowDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Indicators.AnyAsync(cancellationToken))
            return;
        var year = clock.GetLocalNow().Year;
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var units = await db.Units.AsNoTracking().Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var unit in units)
        {
            foreach (var (code, name, measure, polarity, target, weight) in DemoPemda.Indicators)
            {
                db.Indicators.Add(new Indicator
                {
                    UnitId = unit, Code = code, Name = name, UnitOfMeasure = measure, Polarity = polarity,
                    Target = target, Weight = weight, ActiveFrom = from, ActiveTo = to,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureUserAsync(string email, string displayName, Guid? tenantId, Guid? employeeId, string role)
    {
        if (await users.FindByEmailAsync(email) is not null)
            return;
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName,
            TenantId = tenantId, EmployeeId = employeeId,
        };
        Check(await users.CreateAsync(user, DemoPassword));
        Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding a login failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Published template {Kind} {Key} as version {Version} in demo pemda {Pemda}")]
    private static partial void LogTemplatePublished(ILogger logger, TemplateKind kind, string key, int version, string pemda);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Template {Key} was not published in demo pemda {Pemda}: {Problems}")]
    private static partial void LogTemplateRefused(ILogger logger, string key, string pemda, string problems);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Seeded demo pemda {Pemda}: {Units} units, {Employees} employees")]
    private static partial void LogSeeded(ILogger logger, string pemda, int units, int employees);
}
