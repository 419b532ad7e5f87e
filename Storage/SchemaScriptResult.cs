namespace LeadRecs.Storage;

/// <summary>One schema script and what a migration did with it.</summary>
/// <param name="Sha256">Lower-case hex digest of the script's UTF-8 bytes, as recorded in <c>schema_migrations</c>.</param>
public sealed record SchemaScriptResult(string Name, string Sha256, SchemaScriptAction Action);
