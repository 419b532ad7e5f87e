using LeadRecs.Storage;
using Npgsql;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>A fresh database with the LeadRecs schema applied, beside the one ./test.sh created.</summary>
public static class PostgresDatabase
{
    public static async Task<string> CreateMigratedAsync(string prefix)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name }.ConnectionString;
        await new SchemaMigrator().MigrateAsync(target);
        return target;
    }
}
