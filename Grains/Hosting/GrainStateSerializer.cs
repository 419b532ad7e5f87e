using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace LeadRecs.Grains.Hosting;

/// <summary>
/// Stores grain state as plain camelCase JSON with no embedded type names: the stored rows stay readable with
/// SQL, and renaming or moving a state class does not strand the data already written (Orleans' default JSON
/// serializer writes assembly-qualified "$type" names and refuses types outside its allow-list).
/// Compatibility rule: add members, never rename or repurpose them.
/// </summary>
public sealed class GrainStateSerializer : IGrainStorageSerializer
{
    public static readonly GrainStateSerializer Instance = new();

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
            ?? throw new JsonException($"Stored state of {typeof(T).Name} was null.");
}
