using KinerjaFlow.Web.Account;
using Microsoft.AspNetCore.Localization;

namespace KinerjaFlow.Web.Localization;

internal static class CultureSwitch
{
    /// <summary><c>/bahasa/{culture}</c> stores the language in a cookie and goes back to the page.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/bahasa/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var supported = Extensions.WebServiceExtensions.Cultures.FirstOrDefault(c =>
                string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(c.TwoLetterISOLanguageName, culture, StringComparison.OrdinalIgnoreCase));
            if (supported is null)
                return Results.Problem(statusCode: 400, title: "Bahasa tidak didukung / Unsupported language", detail: "id, en");
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(AccountEndpoints.LocalOrHome(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
}
