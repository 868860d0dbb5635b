using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Identity.ApiTokens;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaFlow.Runtime.Persistence;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(t => t.Name).HasMaxLength(ApiTokenService.MaxNameLength);
        builder.Property(t => t.Prefix).HasMaxLength(ApiTokenSecret.PrefixLength).IsFixedLength();
        builder.Property(t => t.Hash).HasMaxLength(32);
        // Looked up by prefix on every bearer request, before the hash is compared.
        builder.HasIndex(t => t.Prefix);
        builder.HasIndex(t => new { t.TenantId, t.Kind, t.UserId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
