using System.Globalization;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Web.ApiTokens;
using KinerjaFlow.Web.Forms;
using KinerjaFlow.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;
using Serilog;

namespace KinerjaFlow.Web.Extensions;

/// <summary>Everything the web app registers, kept out of Program.cs.</summary>
internal static class WebServiceExtensions
{
    public static readonly CultureInfo[] Cultures = [new("id-ID"), new("en-US")];

    public static WebApplicationBuilder AddKinerjaFlowWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSerilog((sp, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext());

        services.AddKinerjaFlowRuntime(DatabaseExtensions.ConfigureDatabase(builder.Configuration));
        services.AddScoped<CurrentUser>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<CurrentUser>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CurrentUserCircuitHandler>());

        builder.AddAuthentication();
        services.AddAuthorization(Policies.Add);
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        services.AddDataProtection().SetApplicationName("KinerjaFlow").PersistKeysToDbContext<KinerjaFlowDbContext>();

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // Only the cookie set by the language switch: Indonesian stays the default whatever the browser says.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddFormRendering();
        services.AddKinerjaFlowApprovals();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        });
        services.AddHealthChecks().AddDbContextCheck<KinerjaFlowDbContext>("database", tags: ["ready"]);
        return builder;
    }

    private const string CookieOrBearer = "CookieOrBearer";

    private static void AddAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            // The API takes a bearer token when one is presented; everything else is the Identity cookie.
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") && BearerTokenHandler.Presents(context.Request)
                    ? BearerTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole<Guid>), services)
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ClaimsFactory>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/akses-ditolak";
            options.Cookie.Name = "kinerjaflow.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403 instead of redirecting to the login page.
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        });

        // A pemda's SSO: switched on by configuration only (see README).
        var oidc = builder.Configuration.GetSection("KinerjaFlow:OpenIdConnect");
        if (oidc.GetValue<bool>("Enabled"))
        {
            services.AddAuthentication().AddOpenIdConnect("oidc", oidc["DisplayName"] ?? "SSO", options =>
            {
                options.Authority = oidc["Authority"];
                options.ClientId = oidc["ClientId"];
                options.ClientSecret = oidc["ClientSecret"];
                options.ResponseType = "code";
                options.SaveTokens = false;
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.CallbackPath = "/signin-oidc";
            });
        }
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
