using Npgsql;

namespace LeadRecs.Storage;

/// <summary>A reader with the command and pooled connection it reads from, disposed together.</summary>
internal sealed class OpenReader(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader) : IAsyncDisposable
{
    public NpgsqlDataReader Reader { get; } = reader;

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
