using System.Data.Common;
using System.Text;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KinerjaFlow.Runtime.Persistence;

/// <summary>
/// Inserts many new rows of one entity type with multi-row parameterised INSERTs, bypassing the
/// change tracker: for generators and imports of hundreds of thousands of rows, where tracking
/// costs more than the database. Columns, names and conversions come from the EF model, so it works
/// on both providers and keeps the same tenant guard as <c>SaveChanges</c>.
/// </summary>
public static class BulkInsert
{
    // Both SQLite (32,766) and PostgreSQL (65,535) accept this many parameters in one statement.
    private const int MaxParameters = 30_000;

    public static async Task BulkInsertAsync<T>(this KinerjaFlowDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
            return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        if (entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            throw new NotSupportedException($"{typeof(T).Name} has owned types; use SaveChanges.");
        GuardTenant(db, rows);

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.PropertyInfo is not null).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        // SQLite is fastest with one prepared single-row statement reused in a transaction (and binds
        // parameters by name in linear time, so large statements get slow); PostgreSQL with few
        // round trips of many rows each.
        var isSqlite = db.Database.IsSqliteProvider();
        var perStatement = isSqlite ? 1 : Math.Max(1, MaxParameters / properties.Length);

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(cancellationToken);
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(perStatement))
            {
                if (command is null || command.Parameters.Count != chunk.Length * properties.Length)
                {
                    if (command is not null)
                        await command.DisposeAsync();
                    command = connection.CreateCommand();
                    command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                    command.CommandText = BuildText(head, chunk.Length, properties.Length);
                    AddParameters(command, chunk, properties, mappings);
                    if (isSqlite)
                        await command.PrepareAsync(cancellationToken);
                }
                else
                {
                    var n = 0;
                    foreach (var row in chunk)
                    {
                        for (var i = 0; i < properties.Length; i++)
                            command.Parameters[n++].Value = ProviderValue(mappings[i], properties[i].PropertyInfo!.GetValue(row));
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
                await command.DisposeAsync();
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameters<T>(DbCommand command, T[] chunk, IProperty[] properties, RelationalTypeMapping[] mappings)
    {
        var n = 0;
        foreach (var row in chunk)
        {
            for (var i = 0; i < properties.Length; i++)
                command.Parameters.Add(mappings[i].CreateParameter(command, $"@p{n++}", properties[i].PropertyInfo!.GetValue(row), properties[i].IsNullable));
        }
    }

    /// <summary>The value as the provider stores it, as <see cref="RelationalTypeMapping.CreateParameter"/> converts it.</summary>
    private static object ProviderValue(RelationalTypeMapping mapping, object? value)
    {
        if (value is not null && mapping.Converter is { } converter)
            value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }

    private static void GuardTenant<T>(KinerjaFlowDbContext db, IReadOnlyList<T> rows)
    {
        if (rows is not IReadOnlyList<ITenantOwned> owned)
            return;
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException($"{typeof(T).Name} rows cannot be written without a tenant in force.");
        if (owned.Any(r => r.TenantId != tenant))
            throw new InvalidOperationException($"A {typeof(T).Name} of another tenant cannot be written in this tenant.");
    }

    private static string BuildText(string head, int rows, int columns)
    {
        var text = new StringBuilder(head, head.Length + (rows * columns * 8));
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
                text.Append(c == 0 ? "@p" : ", @p").Append(n++);
            text.Append(')');
        }

        return text.ToString();
    }
}
