using Npgsql;

namespace LeadRecs.Storage;

/// <summary>
/// Applies the embedded schema (Orleans grain storage and reminders, the interaction log) to a PostgreSQL database.
/// Safe to run any number of times and from several processes at once: runs queue on an advisory lock, and each
/// script is recorded by name and SHA-256 in <c>schema_migrations</c>, so only new or changed scripts run.
/// </summary>
public sealed class SchemaMigrator
{
    // Any constant works as long as every migrator of this schema uses the same one ("LeadRecs" in ASCII).
    private const long AdvisoryLockKey = 0x4C65616452656373;

    private const string CreateTrackingTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            name text PRIMARY KEY,
            sha256 text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string RecordSql = """
        INSERT INTO schema_migrations (name, sha256) VALUES ($1, $2)
        ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now()
        """;

    /// <summary>Applies every script that this database has not seen with the same content, in one transaction.</summary>
    /// <returns>Every embedded script in order of application, with what was done with it.</returns>
    public async Task<IReadOnlyList<SchemaScriptResult>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var scripts = SchemaScript.LoadEmbedded();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // One transaction: a failing script leaves the database as it was, and the lock is released at its end.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1)", cancellationToken, AdvisoryLockKey);
        await ExecuteAsync(connection, transaction, CreateTrackingTableSql, cancellationToken);
        var recorded = await ReadRecordedAsync(connection, transaction, cancellationToken);

        var results = new List<SchemaScriptResult>(scripts.Count);
        foreach (var script in scripts)
        {
            var action = recorded.TryGetValue(script.Name, out var sha256)
                ? sha256 == script.Sha256 ? SchemaScriptAction.Skipped : SchemaScriptAction.Reapplied
                : SchemaScriptAction.Applied;
            if (action != SchemaScriptAction.Skipped)
            {
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await ExecuteAsync(connection, transaction, RecordSql, cancellationToken, script.Name, script.Sha256);
            }
            results.Add(new SchemaScriptResult(script.Name, script.Sha256, action));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private static async Task<Dictionary<string, string>> ReadRecordedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT name, sha256 FROM schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded[reader.GetString(0)] = reader.GetString(1);
        }
        return recorded;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
