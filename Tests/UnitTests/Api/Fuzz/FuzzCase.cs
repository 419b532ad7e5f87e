namespace LeadRecs.UnitTests.Api.Fuzz;

/// <summary>
/// One generated request. <paramref name="MustRefuse"/>: the request is malformed by construction, so it must be
/// answered 4xx and change nothing; otherwise it is a well-formed read that may answer 2xx (never 5xx).
/// </summary>
public sealed record FuzzCase(
    string Kind,
    HttpMethod Method,
    string Url,
    byte[]? Body = null,
    string? ContentType = "application/json",
    string? ApiKey = null,
    bool MustRefuse = true,
    bool Unsized = false)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            HttpContent content = Unsized ? new UnsizedContent(Body) : new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            request.Content = content;
        }
        if (ApiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", ApiKey);
        }
        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return $"{Kind}: {Method} {Url} {body}";
    }

    /// <summary>A body that does not say how long it is (chunked), so only reading it finds out.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
