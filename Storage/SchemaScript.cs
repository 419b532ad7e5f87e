using System.Reflection;
using System.Security.Cryptography;

namespace LeadRecs.Storage;

/// <summary>A SQL file from <c>Storage/Schema/</c>, embedded in this assembly so a deployed binary carries its schema.</summary>
internal sealed record SchemaScript(string Name, string Sql, string Sha256)
{
    private const string ResourcePrefix = "LeadRecs.Storage.Schema.";

    /// <summary>Every embedded script, in name order (the numeric prefixes give the order of application).</summary>
    public static IReadOnlyList<SchemaScript> LoadEmbedded()
    {
        var assembly = typeof(SchemaScript).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => Load(assembly, name))
            .ToArray();
    }

    private static SchemaScript Load(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded schema script '{resourceName}' could not be opened.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var sql = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true).ReadToEnd();
        return new SchemaScript(resourceName[ResourcePrefix.Length..], sql, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
