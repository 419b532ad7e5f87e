using System.Text.Json;

namespace LeadRecs.Ranking.Evaluation.Reporting;

/// <summary>Writes a report as indented camelCase JSON, the API's convention.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // NaN is what an empty protocol averages to; write it rather than throw.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(EvaluationReport report) => JsonSerializer.Serialize(report, Options);

    public static EvaluationReport? Deserialize(string json) => JsonSerializer.Deserialize<EvaluationReport>(json, Options);

    public static void Write(string path, EvaluationReport report)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Serialize(report) + Environment.NewLine);
    }
}
