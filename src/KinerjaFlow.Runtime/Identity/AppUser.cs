using Microsoft.AspNetCore.Identity;

namespace KinerjaFlow.Runtime.Identity;

/// <summary>A login. Belongs to one pemda and usually to one employee; the system administrator
/// belongs to none.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid? TenantId { get; set; }

    public Guid? EmployeeId { get; set; }

    public required string DisplayName { get; set; }
}
