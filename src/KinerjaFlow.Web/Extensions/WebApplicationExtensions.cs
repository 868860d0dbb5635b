using KinerjaFlow.Web.Account;
using KinerjaFlow.Web.Api;
using KinerjaFlow.Web.Approvals;
using KinerjaFlow.Web.Components;
using KinerjaFlow.Web.Health;
using KinerjaFlow.Web.Localization;
using KinerjaFlow.Web.Tenancy;
using Scalar.AspNetCore;
using Serilog;

namespace KinerjaFlow.Web.Extensions;

internal static class WebApplicationExtensions
{
    public static WebApplication UseKinerjaFlowWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        // The API answers problem+json; pages show a status page in the user's language.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && HttpMethods.IsGet(c.Request.Method),
            ui => ui.UseStatusCodePagesWithReExecute("/status/{0}"));
        // Routing after the status-code pages, so that a re-executed request is routed again.
        app.UseRouting();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUser>().Principal = context.User;
            return next(context);
        });
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapKinerjaFlowHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("KinerjaFlow API")).AllowAnonymous();
        app.MapCultureSwitch();
        app.MapAccountEndpoints();
        app.MapKinerjaFlowApi();
        app.MapRequestAttachments();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        return app;
    }
}
