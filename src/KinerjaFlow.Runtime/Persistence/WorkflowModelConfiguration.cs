using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Journal;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaFlow.Runtime.Persistence;

// EF mapping of the durable workflow runtime: journal, operations, tasks, bookmarks, outbox, notifications.

internal sealed class JournalRecordConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> builder)
    {
        builder.ToTable("WorkflowJournal");
        builder.Property(j => j.ActivityId).HasMaxLength(100);
        builder.Property(j => j.Event).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.Actor).HasMaxLength(200);
        builder.Property(j => j.Detail).HasMaxLength(4000);
        builder.HasIndex(j => new { j.InstanceId, j.Id });
        builder.HasOne<StoredInstance>().WithMany().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(j => j.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OperationRecordConfiguration : IEntityTypeConfiguration<OperationRecord>
{
    public void Configure(EntityTypeBuilder<OperationRecord> builder)
    {
        builder.ToTable("WorkflowOperations");
        builder.Property(o => o.OperationId).HasMaxLength(100);
        builder.HasIndex(o => new { o.TenantId, o.OperationId }).IsUnique();
        builder.HasOne<StoredInstance>().WithMany().HasForeignKey(o => o.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTask>
{
    public void Configure(EntityTypeBuilder<WorkflowTask> builder)
    {
        builder.ToTable("WorkflowTasks");
        builder.Property(t => t.BookmarkId).HasMaxLength(40);
        builder.Property(t => t.ActivityId).HasMaxLength(100);
        builder.Property(t => t.DefinitionId).HasMaxLength(100);
        builder.Property(t => t.Title).HasMaxLength(500);
        builder.Property(t => t.FormKey).HasMaxLength(100);
        builder.Property(t => t.Outcomes).HasMaxLength(2000);
        builder.Property(t => t.AssigneeRole).HasMaxLength(60);
        builder.Property(t => t.AssignmentProblem).HasMaxLength(1000);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(t => t.Outcome).HasMaxLength(100);
        builder.Property(t => t.Comment).HasMaxLength(4000);
        builder.Property(t => t.CompletedBy).HasMaxLength(200);
        builder.Property(t => t.Mode).HasConversion<string>().HasMaxLength(12);
        builder.Property(t => t.DefinitionName).HasMaxLength(200);
        builder.Property(t => t.CommentRequired).HasMaxLength(2000);
        builder.Property(t => t.InitiatorName).HasMaxLength(200);
        builder.Property(t => t.InitiatorNip).HasMaxLength(30);
        builder.Property(t => t.InitiatorUnitName).HasMaxLength(300);
        builder.Property(t => t.OnDue).HasMaxLength(20);
        builder.Property(t => t.LeaseOwner).HasMaxLength(100);
        builder.HasIndex(t => new { t.InstanceId, t.BookmarkId, t.Sequence }).IsUnique();
        // The inbox (TaskInbox): tenant first, then the equality filters, then the sort keys, so a
        // page is an index range scan that stops after 26 rows (keyset pagination, no OFFSET).
        builder.HasIndex(t => new { t.TenantId, t.AssigneeEmployeeId, t.Status, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.AssigneeRole, t.Status, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.Status, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.Status, t.DueAt, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.DefinitionId, t.Status, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.InitiatorUnitId, t.Status, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.InitiatorEmployeeId, t.CreatedAt, t.Id });
        // The on-due worker's claim, across pemda: only open tasks not yet acted on.
        builder.HasIndex(t => t.DueAt).HasFilter("\"DueHandledAt\" IS NULL AND \"Status\" = 'Open'").HasDatabaseName("IX_WorkflowTasks_Due");
        builder.HasOne<StoredInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StoredBookmarkConfiguration : IEntityTypeConfiguration<StoredBookmark>
{
    public void Configure(EntityTypeBuilder<StoredBookmark> builder)
    {
        builder.ToTable("WorkflowBookmarks");
        builder.Property(b => b.BookmarkId).HasMaxLength(40);
        builder.Property(b => b.ActivityId).HasMaxLength(100);
        builder.Property(b => b.Kind).HasMaxLength(20);
        builder.Property(b => b.SignalName).HasMaxLength(100);
        builder.Property(b => b.CorrelationId).HasMaxLength(200);
        builder.Property(b => b.MessageId).HasMaxLength(40);
        builder.Property(b => b.LeaseOwner).HasMaxLength(100);
        builder.HasIndex(b => new { b.InstanceId, b.BookmarkId }).IsUnique();
        builder.HasIndex(b => b.DueAt);
        builder.HasIndex(b => new { b.TenantId, b.SignalName, b.CorrelationId });
        builder.HasOne<StoredInstance>().WithMany().HasForeignKey(b => b.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxRecordConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(o => o.MessageId).HasMaxLength(40);
        builder.Property(o => o.ActivityId).HasMaxLength(100);
        builder.Property(o => o.Kind).HasMaxLength(20);
        builder.Property(o => o.Payload).IsJsonDocument();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(o => o.LeaseOwner).HasMaxLength(100);
        builder.Property(o => o.LastError).HasMaxLength(2000);
        builder.HasIndex(o => new { o.Status, o.NextAttemptAt });
        builder.HasIndex(o => new { o.InstanceId, o.MessageId }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Subject).HasMaxLength(500);
        builder.Property(n => n.Body).HasMaxLength(8000);
        builder.HasIndex(n => new { n.TenantId, n.EmployeeId, n.ReadAt });
        builder.HasIndex(n => new { n.SourceMessageId, n.EmployeeId }).IsUnique();
        builder.HasOne<Org.Employee>().WithMany().HasForeignKey(n => n.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BulkStartConfiguration : IEntityTypeConfiguration<Workflows.Bulk.BulkStart>
{
    public void Configure(EntityTypeBuilder<Workflows.Bulk.BulkStart> builder)
    {
        builder.ToTable("BulkStarts");
        builder.Property(b => b.DefinitionId).HasMaxLength(100);
        builder.Property(b => b.BatchKey).HasMaxLength(100);
        builder.Property(b => b.UnitIds).HasMaxLength(20_000);
        builder.Property(b => b.Form).IsJsonDocument();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(b => b.LastError).HasMaxLength(2000);
        builder.Property(b => b.CreatedBy).HasMaxLength(200);
        builder.Property(b => b.LeaseOwner).HasMaxLength(100);
        builder.HasIndex(b => new { b.TenantId, b.DefinitionId, b.BatchKey }).IsUnique();
        builder.HasIndex(b => b.Status);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
