using Microsoft.AspNetCore.Identity;

namespace KinerjaFlow.Runtime.Identity;

public static class RoleCatalog
{
    /// <summary>Creates the roles of <see cref="Roles.All"/> that do not exist yet.</summary>
    public static async Task EnsureCreatedAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role))
                continue;
            var result = await roles.CreateAsync(new IdentityRole<Guid>(role));
            if (!result.Succeeded)
                throw new InvalidOperationException($"Role {role} could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
