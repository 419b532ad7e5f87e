namespace LeadRecs.Client.Api.Validation;

public static class BatchValidation
{
    /// <summary>Validates every item; the batch is usable only when all are valid, so nothing is half-applied.</summary>
    public static (IReadOnlyList<TOut> Valid, FieldErrors Errors) ValidateAll<TIn, TOut>(
        IReadOnlyList<TIn> items, Func<TIn, FieldErrors, string, TOut?> validate)
        where TOut : class
    {
        var errors = new FieldErrors();
        var valid = new List<TOut>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (validate(items[i], errors, $"[{i}]") is { } item)
            {
                valid.Add(item);
            }
        }
        return (valid, errors);
    }
}
