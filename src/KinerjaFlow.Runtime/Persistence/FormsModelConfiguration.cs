using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Indicators;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaFlow.Runtime.Persistence;

// EF mapping of form versions and the indicator catalogue, outside the entities.

internal sealed class StoredFormConfiguration : IEntityTypeConfiguration<StoredForm>
{
    public void Configure(EntityTypeBuilder<StoredForm> builder)
    {
        builder.Property(f => f.Key).HasMaxLength(100);
        builder.Property(f => f.Title).HasMaxLength(200);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(f => f.Json).IsJsonDocument();
        builder.Property(f => f.ChangeNote).HasMaxLength(1000);
        builder.Property(f => f.CreatedBy).HasMaxLength(200);
        builder.Property(f => f.Revision).IsConcurrencyToken();
        builder.HasIndex(f => new { f.TenantId, f.Key, f.Version }).IsUnique();
        // Exactly one published version per form key, enforced by the database itself.
        builder.HasIndex(f => new { f.TenantId, f.Key }).IsUnique().HasFilter("\"Status\" = 'Published'").HasDatabaseName("IX_StoredForms_OnePublished");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.Name).HasMaxLength(500);
        builder.Property(i => i.UnitOfMeasure).HasMaxLength(60);
        builder.Property(i => i.Polarity).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Target).HasPrecision(18, 4);
        builder.Property(i => i.Weight).HasPrecision(5, 2);
        builder.HasIndex(i => new { i.TenantId, i.UnitId, i.Code }).IsUnique();
        builder.HasOne(i => i.Unit).WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
