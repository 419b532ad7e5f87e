using LeadRecs.Ranking.Model;
using Npgsql;

namespace LeadRecs.Storage.Models;

/// <summary>Artifacts in PostgreSQL (table <c>model_artifacts</c>, see <c>Schema/0006_model_artifacts.sql</c>).</summary>
public sealed class PostgresModelArtifactStore(NpgsqlDataSource dataSource) : IModelArtifactStore
{
    private const string InsertSql = """
        INSERT INTO model_artifacts (sha256, model_name, model_version, manifest, onnx)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (sha256) DO NOTHING
        """;

    private const string SelectSql = "SELECT manifest, onnx FROM model_artifacts WHERE sha256 = $1";

    public async Task PutAsync(ModelArtifact artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var manifest = artifact.Manifest;
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { Value = manifest.OnnxSha256.ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter { Value = manifest.ModelName });
        command.Parameters.Add(new NpgsqlParameter { Value = manifest.ModelVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = manifest.ToJson() });
        command.Parameters.Add(new NpgsqlParameter { Value = artifact.OnnxBytes() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ModelArtifact?> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        await using var command = dataSource.CreateCommand(SelectSql);
        command.Parameters.Add(new NpgsqlParameter { Value = sha256.ToLowerInvariant() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        // The constructor re-hashes the bytes: a corrupted row is refused rather than served.
        return new ModelArtifact(reader.GetFieldValue<byte[]>(1), ModelManifest.FromJson(reader.GetString(0)));
    }
}
