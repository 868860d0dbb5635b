using System.Security.Claims;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Web.Tenancy;

/// <summary>
/// The signed-in user of the current scope: an HTTP request (set by middleware) or a Blazor circuit
/// (set by <see cref="CurrentUserCircuitHandler"/>). Also the tenant context of the scope: the
/// user's pemda, or for the system administrator the pemda picked on a page.
/// </summary>
public sealed class CurrentUser : ITenantContext
{
    private Guid? _selectedTenant;

    public ClaimsPrincipal Principal { get; set; } = new(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public bool IsSystemAdmin => Principal.IsInRole(Roles.SysAdmin);

    public Guid? TenantId => Guid.TryParse(Principal.FindFirstValue(KinerjaFlowClaims.TenantId), out var id)
        ? id
        : IsSystemAdmin ? _selectedTenant : null;

    /// <summary>The login's id; null for an integration client, which is no user.</summary>
    public Guid? UserId => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public Guid? EmployeeId => Guid.TryParse(Principal.FindFirstValue(KinerjaFlowClaims.EmployeeId), out var id) ? id : null;

    public string DisplayName => Principal.FindFirstValue(KinerjaFlowClaims.DisplayName) ?? Principal.Identity?.Name ?? string.Empty;

    public string? TenantName => Principal.FindFirstValue(KinerjaFlowClaims.TenantName);

    /// <summary>Lets the system administrator work in one pemda; refused for anyone else.</summary>
    public void SelectTenant(Guid? tenantId)
    {
        if (!IsSystemAdmin)
            throw new UnauthorizedAccessException("Only the system administrator can switch pemda.");
        _selectedTenant = tenantId;
    }
}
