using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaFlow.Runtime.Persistence;

// EF mapping lives here, outside the entities, so the entities stay plain classes.

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Slug).HasMaxLength(40);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.OwnsOne(t => t.Settings, s => s.ToJson());
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.Property(u => u.Code).HasMaxLength(60);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(u => new { u.TenantId, u.Code }).IsUnique();
        builder.HasIndex(u => new { u.TenantId, u.ParentId });
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(80);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.UnitId });
        builder.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.SuperiorPosition).WithMany().HasForeignKey(p => p.SuperiorPositionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> builder)
    {
        builder.Property(e => e.Nip).HasMaxLength(18).IsFixedLength();
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Golongan).HasMaxLength(10);
        builder.Property(e => e.Email).HasMaxLength(200);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(e => new { e.TenantId, e.Nip }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.UnitId });
        builder.HasIndex(e => new { e.TenantId, e.PositionId });
        builder.HasIndex(e => new { e.TenantId, e.Name });
        builder.HasOne(e => e.Unit).WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Position).WithMany().HasForeignKey(e => e.PositionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActingAssignmentConfiguration : IEntityTypeConfiguration<ActingAssignment>
{
    public void Configure(EntityTypeBuilder<ActingAssignment> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(5);
        builder.HasIndex(a => new { a.TenantId, a.PositionId, a.From });
        builder.HasOne(a => a.Position).WithMany().HasForeignKey(a => a.PositionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Employee).WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommitteeConfiguration : IEntityTypeConfiguration<Committee>
{
    public void Configure(EntityTypeBuilder<Committee> builder)
    {
        builder.ToTable("Committees");
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => new { c.TenantId, c.Code }).IsUnique();
        builder.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> builder)
    {
        builder.ToTable("CommitteeMembers");
        builder.HasIndex(m => new { m.CommitteeId, m.EmployeeId }).IsUnique();
        builder.HasOne(m => m.Employee).WithMany().HasForeignKey(m => m.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DelegationConfiguration : IEntityTypeConfiguration<Delegation>
{
    public void Configure(EntityTypeBuilder<Delegation> builder)
    {
        builder.ToTable("Delegations");
        builder.Property(d => d.Reason).HasMaxLength(1000);
        builder.Property(d => d.CreatedBy).HasMaxLength(200);
        builder.Property(d => d.EndedBy).HasMaxLength(200);
        builder.HasIndex(d => new { d.TenantId, d.FromEmployeeId, d.To });
        builder.HasIndex(d => new { d.TenantId, d.ToEmployeeId });
        builder.HasOne(d => d.FromEmployee).WithMany().HasForeignKey(d => d.FromEmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.ToEmployee).WithMany().HasForeignKey(d => d.ToEmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.Property(h => h.Name).HasMaxLength(200);
        builder.HasIndex(h => new { h.TenantId, h.Date }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasIndex(u => u.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Employee>().WithMany().HasForeignKey(u => u.EmployeeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class StoredDefinitionConfiguration : IEntityTypeConfiguration<Workflows.StoredDefinition>
{
    public void Configure(EntityTypeBuilder<Workflows.StoredDefinition> builder)
    {
        builder.Property(d => d.DefinitionId).HasMaxLength(100);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(d => d.Json).IsJsonDocument();
        builder.Property(d => d.ChangeNote).HasMaxLength(1000);
        builder.Property(d => d.Revision).IsConcurrencyToken();
        builder.HasIndex(d => new { d.TenantId, d.DefinitionId, d.Version }).IsUnique();
        // Exactly one published version per definition, enforced by the database itself.
        builder.HasIndex(d => new { d.TenantId, d.DefinitionId }).IsUnique().HasFilter("\"Status\" = 'Published'").HasDatabaseName("IX_StoredDefinitions_OnePublished");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StoredInstanceConfiguration : IEntityTypeConfiguration<Workflows.StoredInstance>
{
    public void Configure(EntityTypeBuilder<Workflows.StoredInstance> builder)
    {
        builder.Property(i => i.DefinitionId).HasMaxLength(100);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(i => i.State).IsJsonDocument();
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.Property(i => i.ParentBookmarkId).HasMaxLength(40);
        builder.Property(i => i.BatchKey).HasMaxLength(100);
        builder.Property(i => i.SubjectKey).HasMaxLength(100);
        builder.Property(i => i.IncidentMessage).HasMaxLength(2000);
        builder.Property(i => i.Outcome).HasMaxLength(100);
        builder.HasIndex(i => new { i.TenantId, i.InitiatorEmployeeId, i.CreatedAt, i.Id });
        builder.HasIndex(i => new { i.TenantId, i.DefinitionId, i.Status });
        builder.HasIndex(i => new { i.TenantId, i.Status, i.UpdatedAt });
        builder.HasIndex(i => i.ParentInstanceId);
        // One instance per subject of a bulk start: a resumed or repeated batch skips the ones made.
        builder.HasIndex(i => new { i.TenantId, i.DefinitionId, i.BatchKey, i.SubjectKey }).IsUnique().HasFilter("\"BatchKey\" IS NOT NULL");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
