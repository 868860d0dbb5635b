using System.Security.Claims;
using KinerjaFlow.Runtime.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KinerjaFlow.Web.Account;

/// <summary>Sign-in and sign-out. The login page (<c>/login</c>) posts here with an antiforgery token.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        // Antiforgery is checked here rather than by the framework, so that an expired form sends the
        // user back to the login page with a message instead of a bare 400.
        account.MapPost("/login", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
            SignInManager<AppUser> signIn, IAntiforgery antiforgery, HttpContext context) =>
        {
            var target = LocalOrHome(returnUrl);
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.LocalRedirect($"/login?error=expired&returnUrl={Uri.EscapeDataString(target)}");
            var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
                return Results.LocalRedirect(target);
            var error = result.IsLockedOut ? "locked" : "invalid";
            return Results.LocalRedirect($"/login?error={error}&email={Uri.EscapeDataString(email)}&returnUrl={Uri.EscapeDataString(target)}");
        }).AllowAnonymous().DisableAntiforgery();

        account.MapPost("/logout", async (SignInManager<AppUser> signIn, IAntiforgery antiforgery, HttpContext context) =>
        {
            // A forged cross-site post cannot sign the user out.
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.LocalRedirect("/");
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).DisableAntiforgery();

        // SSO (OpenID Connect), only when configured: challenge, then link the external login to the
        // local account with the same e-mail; an unknown e-mail is refused, never auto-registered.
        account.MapGet("/sso", (string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            var properties = signIn.ConfigureExternalAuthenticationProperties("oidc", $"/account/sso/callback?returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}");
            return Results.Challenge(properties, ["oidc"]);
        }).AllowAnonymous();

        account.MapGet("/sso/callback", async (string? returnUrl, SignInManager<AppUser> signIn, UserManager<AppUser> users) =>
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null)
                return Results.LocalRedirect("/login?error=sso");
            var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false);
            if (!result.Succeeded)
            {
                var email = info.Principal.FindFirstValue(ClaimTypes.Email);
                var user = email is null ? null : await users.FindByEmailAsync(email);
                if (user is null || !(await users.AddLoginAsync(user, info)).Succeeded)
                    return Results.LocalRedirect("/login?error=sso");
                await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
            }

            await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        }).AllowAnonymous();
    }

    /// <summary>Only local paths are followed after login, so a crafted link cannot redirect elsewhere.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
