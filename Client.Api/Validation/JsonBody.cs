using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRecs.Client.Api.Validation;

/// <summary>
/// Reads a JSON array body strictly (no unknown or repeated members, no numbers in strings, bounded depth and size) and
/// turns every way it can be wrong into a 400/413 problem that names the field.
/// </summary>
public static class JsonBody
{
    public const string BodyField = "body";

    /// <summary>Command bodies are a few fields; anything longer is not one.</summary>
    public const int MaxObjectBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = ApiLimits.MaxJsonDepth,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        // {"userId":"a","userId":"b"} is refused rather than read as "b": parsers that keep the first value and
        // parsers that keep the last would otherwise disagree about what was sent.
        AllowDuplicateProperties = false,
    };

    public static async Task<BatchResult<T>> ReadBatchAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ApiLimits.MaxBodyBytes)
        {
            return BatchResult<T>.Failed(TooLarge());
        }
        if (!request.HasJsonContentType())
        {
            return BatchResult<T>.Failed(Problem(BodyField, "must be sent as application/json."));
        }

        List<T?>? items;
        try
        {
            using var limited = new LengthLimitedStream(request.Body, ApiLimits.MaxBodyBytes);
            items = await JsonSerializer.DeserializeAsync<List<T?>>(limited, Strict, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return BatchResult<T>.Failed(TooLarge());
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 1 } path ? path.TrimStart('$') : BodyField;
            return BatchResult<T>.Failed(Problem(field, Describe(ex)));
        }

        if (items is null)
        {
            return BatchResult<T>.Failed(Problem(BodyField, "must be a JSON array, not null."));
        }
        if (items.Count == 0)
        {
            return BatchResult<T>.Failed(Problem(BodyField, "must contain at least one item."));
        }
        if (items.Count > ApiLimits.MaxBatch)
        {
            return BatchResult<T>.Failed(Problem(BodyField, $"may contain at most {ApiLimits.MaxBatch} items; split the batch."));
        }
        var nullIndex = items.FindIndex(i => i is null);
        if (nullIndex >= 0)
        {
            return BatchResult<T>.Failed(Problem($"[{nullIndex}]", "must be an object, not null."));
        }
        return BatchResult<T>.Ok(items!);
    }

    /// <summary>
    /// Reads a batch and validates every item; either all items come back valid, or a problem naming every bad
    /// field does (so nothing of a batch is applied unless all of it is good). <paramref name="errors"/> stays
    /// open for checks across items that the caller adds.
    /// </summary>
    public static async Task<(IReadOnlyList<TOut> Items, FieldErrors Errors, IResult? Problem)> ReadValidBatchAsync<TIn, TOut>(
        HttpRequest request, Func<TIn, FieldErrors, string, TOut?> validate, CancellationToken cancellationToken)
        where TOut : class
    {
        var batch = await ReadBatchAsync<TIn>(request, cancellationToken);
        if (batch.Problem is not null)
        {
            return ([], new FieldErrors(), batch.Problem);
        }
        var (items, errors) = BatchValidation.ValidateAll(batch.Items!, validate);
        return (items, errors, errors.Any ? Problem(errors) : null);
    }

    /// <summary>
    /// Reads a small JSON object body (a command such as a split or a promotion) as strictly as a batch. With
    /// <paramref name="optional"/>, an empty body reads as null rather than as a problem.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadObjectAsync<T>(
        HttpRequest request, bool optional, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxObjectBytes)
        {
            return (null, TooLarge(MaxObjectBytes));
        }
        byte[] body;
        try
        {
            using var limited = new LengthLimitedStream(request.Body, MaxObjectBytes);
            using var buffer = new MemoryStream();
            await limited.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BodyTooLargeException)
        {
            return (null, TooLarge(MaxObjectBytes));
        }
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return optional ? (null, null) : (null, Problem(BodyField, "is required."));
        }
        if (!request.HasJsonContentType())
        {
            return (null, Problem(BodyField, "must be sent as application/json."));
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Strict);
            return value is null ? (null, Problem(BodyField, "must be a JSON object, not null.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : BodyField;
            return (null, Problem(field, Describe(ex)));
        }
    }

    public static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: "The request is not valid.");

    public static ValidationProblem Problem(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.");

    private static ProblemHttpResult TooLarge() => TooLarge(ApiLimits.MaxBodyBytes, "; split the batch");

    public static ProblemHttpResult TooLarge(long limit, string advice = "") => TypedResults.Problem(
        title: "The request body is too large.",
        detail: $"A request body may be at most {limit} bytes{advice}.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["field"] = BodyField });

    /// <summary>The serializer's own message says what was wrong without leaking internals; keep only that part.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return message.Contains("LeadRecs", StringComparison.Ordinal) || message.Contains("System.", StringComparison.Ordinal)
            ? "has a value of the wrong type or is not valid JSON."
            : message;
    }
}
