using KinerjaFlow.Runtime.Hosting;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Commands;

/// <summary>
/// Administrative commands of the web app, run instead of the server:
/// <code>
/// dotnet run --project src/KinerjaFlow.Web -- create-admin --email E --password P [--tenant SLUG]
/// dotnet run --project src/KinerjaFlow.Web -- generate-pemda --slug SLUG --name "Kabupaten X" --employees N
/// </code>
/// Both migrate the configured database first.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] Commands = ["create-admin", "generate-pemda"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var options = ParseOptions(args.Skip(1).ToArray());
        try
        {
            foreach (var hosted in app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
                await hosted.StartAsync(CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            return args[0] switch
            {
                "create-admin" => await CreateAdminAsync(scope.ServiceProvider, options),
                _ => await GeneratePemdaAsync(scope.ServiceProvider, options),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or StartupProblemException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required.");

    /// <summary>Creates the first administrator in Production: a system administrator, or with
    /// <c>--tenant</c> an administrator of that pemda.</summary>
    private static async Task<int> CreateAdminAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var email = Required(options, "email");
        var password = Required(options, "password");
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        await RoleCatalog.EnsureCreatedAsync(roles);
        Guid? tenantId = null;
        if (options.TryGetValue("tenant", out var slug))
        {
            var db = services.GetRequiredService<TenantDbContextFactory>().Create(null);
            await using (db)
                tenantId = (await db.Tenants.SingleOrDefaultAsync(t => t.Slug == slug))?.Id
                    ?? throw new ArgumentException($"No pemda with slug '{slug}'.");
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = options.GetValueOrDefault("name", email), TenantId = tenantId };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, tenantId is null ? Roles.SysAdmin : Roles.Admin);
        Console.WriteLine($"Created {(tenantId is null ? "system administrator" : $"administrator of {slug}")} {email}.");
        return 0;
    }

    private static async Task<int> GeneratePemdaAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var slug = Required(options, "slug");
        var name = options.GetValueOrDefault("name", $"Kabupaten {slug}");
        if (!int.TryParse(Required(options, "employees"), out var employees))
            throw new ArgumentException("--employees must be a number.");
        var generator = services.GetRequiredService<PemdaGenerator>();
        var progress = new Progress<int>(n => Console.Error.Write($"\r  {n:N0} rows written"));
        var result = await generator.GenerateAsync(slug, name, employees, progress, CancellationToken.None);
        Console.Error.WriteLine();
        Console.WriteLine($"Generated {name} ({slug}): {result.Units:N0} units, {result.Positions:N0} positions, {result.Employees:N0} employees in {result.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }
}
