using KinerjaFlow.Runtime.Hosting;

namespace KinerjaFlow.Runtime.Persistence;

/// <summary>The database KinerjaFlow runs on: <c>KinerjaFlow:Database</c> in configuration, with the
/// connection string in <c>ConnectionStrings:KinerjaFlow</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "KinerjaFlow:Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The provider, or an error message naming the accepted values.</summary>
    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
        _ => throw new StartupProblemException(
            $"Unknown database provider '{name}' in {Section}:Provider. Use 'Sqlite' or 'PostgreSql'. " +
            $"/ Penyedia basis data '{name}' tidak dikenal; gunakan 'Sqlite' atau 'PostgreSql'."),
    };
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
