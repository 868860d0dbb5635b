using System.Globalization;
using System.Security.Claims;
using Bunit;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Approvals;
using KinerjaFlow.Web.Forms;
using KinerjaFlow.Web.Tenancy;
using KinerjaFlow.Web.Tests.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace KinerjaFlow.Web.Tests.Approvals;

/// <summary>
/// A bUnit context with the runtime over the class's database and one signed-in user: each test
/// signs in as a demo employee, renders a page, and acts as that user would.
/// </summary>
public abstract class ApprovalsContext : BunitContext, IClassFixture<ApprovalsDatabase>
{
    protected ApprovalsContext(ApprovalsDatabase database)
    {
        Database = database;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddKinerjaFlowRuntime(database.Configure);
        Services.AddRadzenComponents();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(User);
        Services.AddSingleton<ITenantContext>(User);
        Services.AddTransientKinerjaFlowContext(database);
        Services.AddSingleton<IFormFileStore>(new InMemoryFileStore());
        Services.AddFormRendering();
        Services.AddKinerjaFlowApprovals();
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        CultureInfo.CurrentCulture = new CultureInfo("id-ID");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
    }

    protected ApprovalsDatabase Database { get; }

    protected CurrentUser User { get; } = new();

    /// <summary>Signs in as the demo login <paramref name="email"/> (e.g. pegawai@banjarbaru.demo) with its employee record.</summary>
    protected async Task<Employee> SignInAsync(string email, params string[] roles)
    {
        var slug = email.Split('@')[1].Split('.')[0];
        var tenant = await Database.TenantIdAsync(slug);
        await using var db = Database.CreateContext(tenant);
        var employee = await db.Employees.AsNoTracking().SingleAsync(e => e.Email == email);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, email), new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new(KinerjaFlowClaims.TenantId, tenant.ToString()), new(KinerjaFlowClaims.TenantName, slug),
            new(KinerjaFlowClaims.EmployeeId, employee.Id.ToString()), new(KinerjaFlowClaims.DisplayName, employee.Name),
            new(ClaimTypes.Role, email.Split('@')[0]),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        User.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        return employee;
    }

    /// <summary>Starts a training request as the signed-in user through the same path as the page and the API.</summary>
    protected async Task<Guid> StartTrainingAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RequestStarter>()
            .StartAsync(ApprovalsDatabase.Workflow, ApprovalsDatabase.ValidForm(), null, null, CancellationToken.None);
        Assert.True(outcome.Started, outcome.Refusal?.English);
        return outcome.InstanceId!.Value;
    }

    protected async Task<T> QueryAsync<T>(Func<KinerjaFlow.Runtime.Persistence.KinerjaFlowDbContext, Task<T>> query)
    {
        await using var db = Database.CreateContext(User.TenantId);
        return await query(db);
    }
}
