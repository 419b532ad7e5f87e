namespace LeadRecs.Storage;

/// <summary>What <see cref="SchemaMigrator"/> did with one schema script.</summary>
public enum SchemaScriptAction
{
    /// <summary>Already applied with the same content; not run.</summary>
    Skipped = 0,

    /// <summary>Never applied to this database before; run.</summary>
    Applied = 1,

    /// <summary>Applied before with different content; run again (every script is idempotent).</summary>
    Reapplied = 2,
}
