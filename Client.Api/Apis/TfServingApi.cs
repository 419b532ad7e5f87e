using System.Text.Json;
using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Resilience;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Onnx;
using Microsoft.Extensions.Options;

namespace LeadRecs.Client.Api.Apis;

/// <summary>
/// TensorFlow Serving's REST API (https://www.tensorflow.org/tfx/serving/api_rest) over the registry's live versions,
/// so an existing TF Serving client can call the ranking model: model status, metadata (the <c>serving_default</c>
/// signature: <c>dense</c> DT_FLOAT [-1, D], <c>categorical</c> DT_INT64 [-1, C], <c>score</c> DT_FLOAT [-1, 1]) and
/// <c>:predict</c> in the row (<c>instances</c>) and columnar (<c>inputs</c>) formats. A version is addressed as
/// TF Serving does: none (stable), <c>/versions/{v}</c> or <c>/labels/{stable|canary}</c>. Errors are TF Serving's
/// <c>{ "error": "..." }</c> with 400 or 404. Same access as the public API (open, or a client key when
/// <c>LeadRecs:Api:RequireClientKey</c>), same rate limits. Scoring runs in the silos' prediction grains, with the
/// sessions that serve recommendations.
/// </summary>
public static class TfServingApi
{
    public static IEndpointRouteBuilder MapTfServingApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models").WithTags("TensorFlow Serving");

        group.MapGet("/{name}", (string name, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            StatusAsync(new Target(name, null, null), grains, options.Value, ct)).Produces<TfModelStatusResponse>();
        group.MapGet("/{name}/versions/{version}", (string name, string version, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            StatusAsync(new Target(name, version, null), grains, options.Value, ct)).Produces<TfModelStatusResponse>();
        group.MapGet("/{name}/labels/{label}", (string name, string label, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            StatusAsync(new Target(name, null, label), grains, options.Value, ct)).Produces<TfModelStatusResponse>();

        group.MapGet("/{name}/metadata", (string name, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            MetadataAsync(new Target(name, null, null), grains, options.Value, ct)).Produces<TfMetadataResponse>();
        group.MapGet("/{name}/versions/{version}/metadata", (string name, string version, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            MetadataAsync(new Target(name, version, null), grains, options.Value, ct)).Produces<TfMetadataResponse>();
        group.MapGet("/{name}/labels/{label}/metadata", (string name, string label, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            MetadataAsync(new Target(name, null, label), grains, options.Value, ct)).Produces<TfMetadataResponse>();

        // "{name}:predict" is a complex segment: the parameter, then the literal ":predict" (matched from the right,
        // so "deep-ranker:predict" binds name "deep-ranker"). GET of the same path falls to the status route. No
        // Accepts metadata: routing would answer 415 to the form content type that curl -d sends.
        group.MapPost("/{name}:predict", (string name, HttpRequest request, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            PredictAsync(new Target(name, null, null), request, grains, options.Value, ct)).Produces<TfPredictionsResponse>();
        group.MapPost("/{name}/versions/{version}:predict", (string name, string version, HttpRequest request, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            PredictAsync(new Target(name, version, null), request, grains, options.Value, ct)).Produces<TfPredictionsResponse>();
        group.MapPost("/{name}/labels/{label}:predict", (string name, string label, HttpRequest request, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken ct) =>
            PredictAsync(new Target(name, null, label), request, grains, options.Value, ct)).Produces<TfPredictionsResponse>();
        return routes;
    }

    /// <summary>
    /// Every live version (stable, canary), or the one addressed: <c>AVAILABLE</c> once this service's silo has it
    /// loaded, <c>LOADING</c> before; a registered version that is not live is <c>END</c>, as TF Serving reports an
    /// unloaded one.
    /// </summary>
    public static async Task<IResult> StatusAsync(Target target, IGrainFactory grains, ModelRegistryOptions options, CancellationToken cancellationToken)
    {
        if (target.Problem(options) is { } problem)
        {
            return problem;
        }
        var snapshot = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IModelRegistryGrain>(target.Name).GetSnapshotAsync(), cancellationToken);
        if (snapshot.Versions.Count == 0)
        {
            return Error(StatusCodes.Status404NotFound, NoVersions(target.Name));
        }
        var live = new[] { snapshot.Stable, snapshot.Canary }.OfType<ModelVersionEntry>().DistinctBy(v => v.Version).ToArray();
        ModelVersionEntry[] entries;
        if (target.Version is { } version)
        {
            var entry = snapshot.Find(version);
            if (entry is null)
            {
                return Error(StatusCodes.Status404NotFound, $"Could not find version {version} of model {target.Name}");
            }
            entries = [entry];
        }
        else if (target.Label is { } label)
        {
            var entry = snapshot.ForLabel(label);
            if (entry is null)
            {
                return Error(StatusCodes.Status404NotFound, $"Unrecognized servable version label: {label}");
            }
            entries = [entry];
        }
        else
        {
            entries = live;
        }

        var prediction = grains.GetGrain<IPredictionGrain>(0);
        var statuses = new List<TfVersionStatus>(entries.Length);
        foreach (var entry in entries)
        {
            var state = TfVersionStatus.End;
            if (live.Any(v => v.Version == entry.Version))
            {
                var described = await GrainCallRetry.RunAsync(
                    () => prediction.DescribeAsync(target.Name, entry.Version, null), cancellationToken);
                state = described.NotFound ? TfVersionStatus.Loading : TfVersionStatus.Available;
            }
            statuses.Add(new TfVersionStatus(entry.Version, state, TfStatus.Ok));
        }
        return TypedResults.Ok(new TfModelStatusResponse(statuses));
    }

    /// <summary>The <c>serving_default</c> signature of a live version, with the widths of its feature schema.</summary>
    public static async Task<IResult> MetadataAsync(Target target, IGrainFactory grains, ModelRegistryOptions options, CancellationToken cancellationToken)
    {
        if (target.Problem(options) is { } problem)
        {
            return problem;
        }
        var described = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IPredictionGrain>(0).DescribeAsync(target.Name, target.Version, target.Label), cancellationToken);
        if (described.NotFound || described.Version is null)
        {
            return Error(StatusCodes.Status404NotFound, described.Error ?? NoVersions(target.Name));
        }
        var signature = new TfSignatureDef(
            new Dictionary<string, TfTensorInfo>
            {
                [OnnxSignature.DenseInput] = TfTensorInfo.Matrix(OnnxSignature.DenseInput, TfTensorInfo.Float, described.DenseWidth),
                [OnnxSignature.CategoricalInput] = TfTensorInfo.Matrix(OnnxSignature.CategoricalInput, TfTensorInfo.Int64, described.CategoricalCount),
            },
            new Dictionary<string, TfTensorInfo>
            {
                [OnnxSignature.ScoreOutput] = TfTensorInfo.Matrix(OnnxSignature.ScoreOutput, TfTensorInfo.Float, 1),
            },
            TfSignatureDef.PredictMethod);
        return TypedResults.Ok(new TfMetadataResponse(
            new TfModelSpec(target.Name, "", described.Version),
            new TfMetadata(new TfSignatureDefMap(new Dictionary<string, TfSignatureDef> { [TfSignatureDef.DefaultName] = signature }))));
    }

    /// <summary>
    /// Scores the rows of a <c>:predict</c> body: <c>{"predictions": [[score], ...]}</c> for <c>instances</c>,
    /// <c>{"outputs": [[score], ...]}</c> for <c>inputs</c>. The body need not be labelled application/json (TF
    /// Serving's own examples send it with curl -d).
    /// </summary>
    public static async Task<IResult> PredictAsync(
        Target target, HttpRequest request, IGrainFactory grains, ModelRegistryOptions options, CancellationToken cancellationToken)
    {
        if (target.Problem(options) is { } problem)
        {
            return problem;
        }
        if (request.ContentLength > ApiLimits.MaxBodyBytes)
        {
            return TooLarge();
        }
        TfPredictRequest? parsed;
        try
        {
            using var limited = new LengthLimitedStream(request.Body, ApiLimits.MaxBodyBytes);
            using var json = await JsonDocument.ParseAsync(limited, new JsonDocumentOptions { MaxDepth = ApiLimits.MaxJsonDepth }, cancellationToken);
            (parsed, var error) = TfPredictRequest.Parse(json.RootElement, PredictionGrain.MaxRows);
            if (error is not null)
            {
                return Error(StatusCodes.Status400BadRequest, error);
            }
        }
        catch (BodyTooLargeException)
        {
            return TooLarge();
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"JSON Parse error: {ex.Message}");
        }

        var input = parsed!;
        var result = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IPredictionGrain>(0).PredictAsync(
                target.Name, target.Version, target.Label, input.Dense, input.Categorical, input.Rows),
            cancellationToken);
        if (result.NotFound)
        {
            return Error(StatusCodes.Status404NotFound, result.Error ?? NoVersions(target.Name));
        }
        if (result.Error is not null || result.Scores is null)
        {
            return Error(StatusCodes.Status400BadRequest, result.Error ?? "The model returned no scores.");
        }
        var unscored = Enumerable.Range(0, result.Scores.Length).Where(i => !float.IsFinite(result.Scores[i])).Take(10).ToArray();
        if (unscored.Length > 0)
        {
            return Error(StatusCodes.Status400BadRequest,
                $"The model scored rows [{string.Join(", ", unscored)}] to numbers that are not finite: their inputs are far outside what it was trained on.");
        }
        var rows = result.Scores.Select(s => new[] { s }).ToArray();
        return input.Columnar
            ? TypedResults.Ok(new TfOutputsResponse(rows))
            : TypedResults.Ok(new TfPredictionsResponse(rows));
    }

    private static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, $"The request body may be at most {ApiLimits.MaxBodyBytes} bytes.");

    /// <summary>TensorFlow Serving's words for a model (or version, or label) it does not serve.</summary>
    private static string NoVersions(string name) => $"Could not find any versions of model {name}";

    private static IResult Error(int status, string message) =>
        TypedResults.Json(new TfErrorResponse(message), (JsonSerializerOptions?)null, "application/json", status);

    /// <summary>A model name and at most one of a version or a label (neither: stable).</summary>
    public readonly record struct Target(string Name, string? Version, string? Label)
    {
        /// <summary>A malformed name, version or label is 400; a model this service does not serve is 404.</summary>
        public IResult? Problem(ModelRegistryOptions options)
        {
            foreach (var (what, value) in new[] { ("model name", Name), ("version", Version), ("version label", Label) })
            {
                var errors = new FieldErrors();
                Check.Id(errors, what, value, required: false);
                if (errors.Any)
                {
                    return Error(StatusCodes.Status400BadRequest, $"Malformed {what}: 1 to {Check.MaxIdLength} of letters, digits and - _ . : @.");
                }
            }
            return Name == options.ServingModel
                ? null
                : Error(StatusCodes.Status404NotFound, NoVersions(Name));
        }
    }
}
