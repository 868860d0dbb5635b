using KinerjaFlow.Runtime.Hosting;
using KinerjaFlow.Runtime.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Web.Extensions;

/// <summary>Prints where the app listens and, in Development with the demo seeded, the demo logins.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var output = Console.Out;
        output.WriteLine();
        output.WriteLine("KinerjaFlow berjalan di / is running at:");
        foreach (var address in addresses)
            output.WriteLine($"  {address}");
        if (app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<SeedOptions>>().Value.Demo)
        {
            output.WriteLine();
            output.WriteLine($"Akun demo / Demo logins (kata sandi / password: {DemoSeeder.DemoPassword}):");
            foreach (var (email, role, pemda) in DemoSeeder.DemoLogins)
                output.WriteLine($"  {email,-32} {role,-9} {pemda}");
        }

        output.WriteLine();
    }
}
