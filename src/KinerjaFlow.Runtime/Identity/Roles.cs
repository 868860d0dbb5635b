namespace KinerjaFlow.Runtime.Identity;

/// <summary>The roles of KinerjaFlow (DESIGN section 1).</summary>
public static class Roles
{
    /// <summary>Employee: starts requests, fills forms.</summary>
    public const string Pegawai = "pegawai";

    /// <summary>Approver: works a task inbox.</summary>
    public const string Atasan = "atasan";

    /// <summary>Process owner: designs workflows and forms.</summary>
    public const string Pemilik = "pemilik";

    /// <summary>Tenant administrator: org directory, users, versions.</summary>
    public const string Admin = "admin";

    /// <summary>System administrator across all pemda.</summary>
    public const string SysAdmin = "sysadmin";

    public static readonly IReadOnlyList<string> All = [Pegawai, Atasan, Pemilik, Admin, SysAdmin];
}

/// <summary>Claim types KinerjaFlow adds to a signed-in user.</summary>
public static class KinerjaFlowClaims
{
    public const string TenantId = "kf:tenant";
    public const string TenantSlug = "kf:tenant_slug";
    public const string TenantName = "kf:tenant_name";
    public const string EmployeeId = "kf:employee";
    public const string DisplayName = "kf:name";
}
