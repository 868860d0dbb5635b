using System.Linq.Expressions;
using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Persistence;

/// <summary>
/// The one EF Core model of KinerjaFlow, shared by the SQLite and PostgreSQL providers (each has its
/// own migrations assembly). Every tenant-owned row is filtered by the tenant in force, and a write
/// into another tenant is refused.
/// </summary>
public sealed class KinerjaFlowDbContext : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    /// <summary>
    /// One constructor, as the context pool needs: a request's context gets its tenant when rented,
    /// one made by hand (tools, background work, tests) through <see cref="Tenant"/>.
    /// </summary>
    public KinerjaFlowDbContext(DbContextOptions<KinerjaFlowDbContext> options)
        : base(options)
    {
    }

    /// <summary>Whose rows this context sees; none until set (a pooled context gets the request's).</summary>
    public ITenantContext Tenant { get; set; } = FixedTenantContext.None;

    /// <summary>Read by the query filters; EF Core re-reads it for every query of this instance.</summary>
    internal Guid? CurrentTenantId => Tenant.TenantId;

    /// <summary>Forgets the tenant before a pooled context goes back to the pool, so the next renter never inherits it.</summary>
    public override void Dispose()
    {
        Tenant = FixedTenantContext.None;
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        Tenant = FixedTenantContext.None;
        return base.DisposeAsync();
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Position> Positions => Set<Position>();

    public DbSet<Employee> Employees => Set<Employee>();

    public DbSet<ActingAssignment> ActingAssignments => Set<ActingAssignment>();

    public DbSet<Committee> Committees => Set<Committee>();

    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();

    public DbSet<Delegation> Delegations => Set<Delegation>();

    public DbSet<Holiday> Holidays => Set<Holiday>();

    public DbSet<Workflows.StoredDefinition> Definitions => Set<Workflows.StoredDefinition>();

    public DbSet<Workflows.StoredInstance> Instances => Set<Workflows.StoredInstance>();

    public DbSet<Forms.StoredForm> Forms => Set<Forms.StoredForm>();

    public DbSet<Indicators.Indicator> Indicators => Set<Indicators.Indicator>();

    public DbSet<Identity.ApiTokens.ApiToken> ApiTokens => Set<Identity.ApiTokens.ApiToken>();

    /// <summary>The key ring that protects sign-in cookies and antiforgery tokens, shared by every
    /// app node and kept across restarts.</summary>
    public DbSet<Workflows.Journal.JournalRecord> Journal => Set<Workflows.Journal.JournalRecord>();

    public DbSet<Workflows.Journal.OperationRecord> Operations => Set<Workflows.Journal.OperationRecord>();

    public DbSet<Workflows.Tasks.WorkflowTask> Tasks => Set<Workflows.Tasks.WorkflowTask>();

    public DbSet<Workflows.Background.StoredBookmark> Bookmarks => Set<Workflows.Background.StoredBookmark>();

    public DbSet<Workflows.Background.OutboxRecord> Outbox => Set<Workflows.Background.OutboxRecord>();

    public DbSet<Workflows.Background.Notification> Notifications => Set<Workflows.Background.Notification>();

    public DbSet<Workflows.Bulk.BulkStart> BulkStarts => Set<Workflows.Bulk.BulkStart>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KinerjaFlowDbContext).Assembly);

        // JSON documents are jsonb on PostgreSQL (queryable, validated); SQLite keeps them as text.
        // The marker is removed once read, so it stays out of the migrations.
        var isNpgsql = Database.IsNpgsqlProvider();
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.FindAnnotation(JsonDocumentColumn.Annotation) is not null).ToList())
        {
            if (isNpgsql)
                property.SetColumnType("jsonb");
            property.RemoveAnnotation(JsonDocumentColumn.Annotation);
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            var method = typeof(KinerjaFlowDbContext).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            method.MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }
    }

    private void FilterByTenant<T>(ModelBuilder builder)
        where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => e.TenantId == CurrentTenantId;
        builder.Entity<T>().HasQueryFilter(filter);
        builder.Entity<T>().HasIndex(e => e.TenantId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New rows without a tenant get the one in force; a row of another tenant is refused,
    /// so a bug elsewhere cannot write across pemda.</summary>
    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
                entry.Entity.TenantId = CurrentTenantId
                    ?? throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} cannot be saved without a tenant in force.");
            if (CurrentTenantId is { } current && entry.Entity.TenantId != current)
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} of another tenant cannot be written in this tenant.");
        }
    }
}
