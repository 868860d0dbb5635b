using KinerjaFlow.Runtime.Identity;
using Microsoft.AspNetCore.Authorization;

namespace KinerjaFlow.Web.Tenancy;

/// <summary>Authorization policies by role and tenant; every page and endpoint names one.</summary>
public static class Policies
{
    /// <summary>A signed-in user of a pemda.</summary>
    public const string TenantMember = "TenantMember";

    /// <summary>A pemda's administrator.</summary>
    public const string TenantAdmin = "TenantAdmin";

    /// <summary>A user of a pemda, or the system administrator (who picks a pemda on the page).</summary>
    public const string OrgReader = "OrgReader";

    /// <summary>A pemda's process owner or administrator: designs and publishes workflows.</summary>
    public const string ProcessOwner = "ProcessOwner";

    /// <summary>The system administrator.</summary>
    public const string SysAdmin = "SysAdmin";

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(TenantMember, p => p.RequireAuthenticatedUser().RequireClaim(KinerjaFlowClaims.TenantId));
        options.AddPolicy(TenantAdmin, p => p.RequireAuthenticatedUser().RequireClaim(KinerjaFlowClaims.TenantId).RequireRole(Roles.Admin));
        options.AddPolicy(ProcessOwner, p => p.RequireAuthenticatedUser().RequireClaim(KinerjaFlowClaims.TenantId).RequireRole(Roles.Pemilik, Roles.Admin));
        options.AddPolicy(SysAdmin, p => p.RequireAuthenticatedUser().RequireRole(Roles.SysAdmin));
        options.AddPolicy(OrgReader, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.User.HasClaim(x => x.Type == KinerjaFlowClaims.TenantId) || c.User.IsInRole(Roles.SysAdmin)));
    }
}
