namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>How the fields of a line are separated. Whitespace means runs of spaces (or tabs mixed with spaces).</summary>
public enum ColumnSeparator
{
    Comma,
    Tab,
    Whitespace,
}
