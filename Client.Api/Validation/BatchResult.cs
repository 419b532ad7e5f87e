namespace LeadRecs.Client.Api.Validation;

/// <summary>Either the parsed items of a batch or the problem response explaining why there are none.</summary>
public sealed class BatchResult<T>
{
    private BatchResult(IReadOnlyList<T>? items, IResult? problem)
    {
        Items = items;
        Problem = problem;
    }

    public IReadOnlyList<T>? Items { get; }

    public IResult? Problem { get; }

    public static BatchResult<T> Ok(IReadOnlyList<T> items) => new(items, null);

    public static BatchResult<T> Failed(IResult problem) => new(null, problem);
}
