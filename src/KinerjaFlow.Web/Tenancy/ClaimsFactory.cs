using System.Security.Claims;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Web.Tenancy;

/// <summary>Adds the pemda, employee and display name to the sign-in cookie, so that every request
/// knows its tenant without a database round trip.</summary>
internal sealed class ClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    KinerjaFlowDbContext db) : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(KinerjaFlowClaims.DisplayName, user.DisplayName));
        if (user.EmployeeId is { } employee)
            identity.AddClaim(new Claim(KinerjaFlowClaims.EmployeeId, employee.ToString()));
        if (user.TenantId is { } tenantId)
        {
            var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Slug, t.Name }).SingleAsync();
            identity.AddClaim(new Claim(KinerjaFlowClaims.TenantId, tenantId.ToString()));
            identity.AddClaim(new Claim(KinerjaFlowClaims.TenantSlug, tenant.Slug));
            identity.AddClaim(new Claim(KinerjaFlowClaims.TenantName, tenant.Name));
        }

        return identity;
    }
}
