namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// The detected layout of an interaction file: separator, whether the first line is a header and the
/// column of each field (-1 when the file has no such column).
/// </summary>
public sealed record InteractionFormat(
    ColumnSeparator Separator,
    bool HasHeader,
    int UserColumn,
    int ItemColumn,
    int RatingColumn,
    int TimestampColumn)
{
    public bool HasRating => RatingColumn >= 0;

    public bool HasTimestamp => TimestampColumn >= 0;

    public override string ToString() =>
        $"{Separator.ToString().ToLowerInvariant()}-separated, {(HasHeader ? "header" : "no header")}, "
        + $"columns user={UserColumn} item={ItemColumn} rating={RatingColumn} timestamp={TimestampColumn}";
}
