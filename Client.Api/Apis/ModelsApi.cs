using System.Text;
using LeadRecs.Client.Api.Contracts;
using LeadRecs.Client.Api.Resilience;
using LeadRecs.Client.Api.Security;
using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Storage.Models;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace LeadRecs.Client.Api.Apis;

/// <summary>
/// The model registry under /api/models, admin key only: versions, labels, the traffic split, promotion, rollback,
/// retraining and the running experiment. The cluster serves one model name (<see cref="ModelRegistryOptions.ServingModel"/>);
/// any other name is 404, so a typo cannot fill a registry that nothing serves.
/// </summary>
public static class ModelsApi
{
    /// <summary>An upload's whole body (the ONNX file, its manifest and the form's framing).</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024;

    public const int MaxManifestBytes = 1024 * 1024;

    public const string UploadSource = "upload (admin API)";

    private static readonly HashSet<string> FormParts = ["model", "manifest", "canaryShare", "reason"];

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/models").WithTags("Models").RequireAdmin();
        group.MapGet("/", ListModelsAsync).Produces<ModelListResponse>();
        group.MapGet("/{name}", GetModelAsync).Produces<ModelDetailResponse>();
        group.MapPost("/{name}/versions", UploadVersionAsync)
            .Accepts<ModelUploadForm>("multipart/form-data")
            .Produces<ModelVersionResponse>(StatusCodes.Status201Created)
            .WithMetadata(new UploadSizeLimit(MaxUploadBytes));
        group.MapPut("/{name}/split", SetSplitAsync).Accepts<SplitRequest>("application/json").Produces<ModelDetailResponse>();
        group.MapPost("/{name}/promote", PromoteAsync).Accepts<PromoteRequest>("application/json").Produces<ModelDetailResponse>();
        group.MapPost("/{name}/rollback", RollbackAsync).Accepts<ReasonRequest>("application/json").Produces<ModelDetailResponse>();
        group.MapPost("/{name}/retrain", RetrainAsync).Accepts<ReasonRequest>("application/json")
            .Produces<RetrainingRunResponse>(StatusCodes.Status202Accepted);
        group.MapGet("/{name}/experiments", GetExperimentsAsync).Produces<ExperimentResponse>();
        return routes;
    }

    /// <summary>Every served model name that has a version (today: the one serving model).</summary>
    public static async Task<IResult> ListModelsAsync(
        IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken cancellationToken)
    {
        var name = options.Value.ServingModel;
        var snapshot = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IModelRegistryGrain>(name).GetSnapshotAsync(), cancellationToken);
        var models = snapshot.Versions.Count > 0 ? new[] { ModelSummaryResponse.From(snapshot) } : [];
        return TypedResults.Ok(new ModelListResponse(models));
    }

    public static async Task<IResult> GetModelAsync(
        string name, IGrainFactory grains, IOptions<ModelRegistryOptions> options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (NameProblem(name, options.Value) is { } problem)
        {
            return problem;
        }
        var snapshot = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IModelRegistryGrain>(name).GetSnapshotAsync(), cancellationToken);
        return snapshot.Versions.Count == 0
            ? NoVersions(name)
            : TypedResults.Ok(await DescribeAsync(snapshot, grains, logs, cancellationToken));
    }

    /// <summary>
    /// Registers an uploaded version: multipart/form-data with the parts <c>model</c> (the .onnx file) and
    /// <c>manifest</c> (the trainer's manifest.json), and optionally <c>canaryShare</c> (also as a query parameter;
    /// the configured default when absent) and <c>reason</c>. The first version of a model becomes stable, later
    /// ones the canary. Everything is checked before the artifact is stored; a refusal stores and registers nothing.
    /// 201 with the version; 200 when the same version with the same bytes is already registered.
    /// </summary>
    public static async Task<IResult> UploadVersionAsync(
        string name,
        HttpRequest request,
        IGrainFactory grains,
        IModelArtifactStore artifacts,
        IOptions<ModelRegistryOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (NameProblem(name, options.Value) is { } nameProblem)
        {
            return nameProblem;
        }
        if (request.ContentLength > MaxUploadBytes)
        {
            return JsonBody.TooLarge(MaxUploadBytes);
        }
        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return JsonBody.Problem(JsonBody.BodyField, "must be sent as multipart/form-data with the parts model (the .onnx file) and manifest.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = MaxUploadBytes,
                ValueLengthLimit = MaxManifestBytes,
                ValueCountLimit = 16,
                MultipartHeadersLengthLimit = 16 * 1024,
            }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return JsonBody.Problem(JsonBody.BodyField, "is not a well-formed multipart/form-data body within the limits (model up to 64 MiB, manifest up to 1 MiB).");
        }

        var errors = new FieldErrors();
        foreach (var part in form.Keys.Concat(form.Files.Select(f => f.Name)).Distinct(StringComparer.Ordinal))
        {
            if (!FormParts.Contains(part))
            {
                errors.Add(part, "is not a part of a model upload (model, manifest, canaryShare, reason).");
            }
        }
        var model = SinglePart(errors, form, ModelUploadValidation.ModelField, fileOnly: true);
        var manifest = SinglePart(errors, form, ModelUploadValidation.ManifestField, fileOnly: false);
        var share = CanaryShare(errors, form, request.Query, options.Value.DefaultCanaryShare);
        var reason = form.TryGetValue("reason", out var reasons) && !string.IsNullOrWhiteSpace(reasons) ? reasons.ToString() : null;
        if (reasons.Count > 1)
        {
            errors.Add("reason", "may be given only once.");
        }
        ModelChecks.Reason(errors, "reason", reason);
        if (errors.Any)
        {
            return JsonBody.Problem(errors);
        }

        var onnx = await ReadAllAsync(model!.Value.File!, cancellationToken);
        var manifestJson = manifest!.Value.File is { } file
            ? file.Length > MaxManifestBytes ? null : Encoding.UTF8.GetString(await ReadAllAsync(file, cancellationToken))
            : manifest.Value.Text;
        if (manifestJson is null)
        {
            return JsonBody.Problem(ModelUploadValidation.ManifestField, $"may be at most {MaxManifestBytes} bytes.");
        }
        // ONNX Runtime loads and scores the model: CPU work, kept off the request's thread.
        var check = await Task.Run(() => ModelUploadValidation.Validate(onnx, manifestJson), cancellationToken);
        if (check.Artifact is not { } artifact)
        {
            return JsonBody.Problem(check.Errors);
        }

        var registry = grains.GetGrain<IModelRegistryGrain>(name);
        var entry = artifact.Manifest.ToVersionEntry(time.GetUtcNow(), UploadSource);
        var before = await GrainCallRetry.RunAsync(() => registry.GetSnapshotAsync(), cancellationToken);
        if (before.Find(entry.Version) is { } existing)
        {
            return existing.Sha256 == entry.Sha256
                ? TypedResults.Ok(ModelVersionResponse.From(existing, before))
                : Conflict($"version '{entry.Version}' is already registered with other bytes; upload it under a new version.", "manifest.modelVersion");
        }

        await artifacts.PutAsync(artifact, cancellationToken);
        // Registering is idempotent (same version, same bytes), so a retry after a lost answer is harmless.
        var result = await GrainCallRetry.RunAsync(
            () => registry.RegisterAsync(entry, share, reason ?? "uploaded through the admin API"), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result, versionField: "manifest.modelVersion");
        }
        var registered = result.Snapshot.Find(entry.Version) ?? entry;
        return TypedResults.Created($"/api/models/{Uri.EscapeDataString(name)}", ModelVersionResponse.From(registered, result.Snapshot));
    }

    /// <summary>Body <c>{ "canaryShare": 0.2, "reason": "..." }</c>: the canary's share of users.</summary>
    public static Task<IResult> SetSplitAsync(
        string name, HttpRequest request, IGrainFactory grains, IOptions<ModelRegistryOptions> options, ILoggerFactory logs, CancellationToken cancellationToken) =>
        CommandAsync<SplitRequest>(name, request, optional: false, (r, e) => r!.Validate(e), options.Value, grains, logs,
            (registry, r) => registry.SetSplitAsync(r!.CanaryShare!.Value, r.Reason ?? "split set through the admin API"), cancellationToken);

    /// <summary>Body <c>{ "version"?: "...", "reason"?: "..." }</c>, or none: promotes the canary (or the version) to stable.</summary>
    public static Task<IResult> PromoteAsync(
        string name, HttpRequest request, IGrainFactory grains, IOptions<ModelRegistryOptions> options, ILoggerFactory logs, CancellationToken cancellationToken) =>
        CommandAsync<PromoteRequest>(name, request, optional: true, (r, e) => r?.Validate(e), options.Value, grains, logs,
            (registry, r) => registry.PromoteAsync(r?.Version, r?.Reason ?? "promoted through the admin API"), cancellationToken);

    /// <summary>Body <c>{ "reason"?: "..." }</c>, or none: drops the canary, or returns stable to the version before it.</summary>
    public static Task<IResult> RollbackAsync(
        string name, HttpRequest request, IGrainFactory grains, IOptions<ModelRegistryOptions> options, ILoggerFactory logs, CancellationToken cancellationToken) =>
        CommandAsync<ReasonRequest>(name, request, optional: true, (r, e) => r?.Validate(e), options.Value, grains, logs,
            (registry, r) => registry.RollbackAsync(r?.Reason ?? "rolled back through the admin API"), cancellationToken);

    /// <summary>Body <c>{ "reason"?: "..." }</c>, or none: starts a training run unless one is running; 202 with the run.</summary>
    public static async Task<IResult> RetrainAsync(
        string name, HttpRequest request, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadCommandAsync<ReasonRequest>(
            name, request, optional: true, (b, errors) => b?.Validate(errors), options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        // Not retried: the grain starts at most one run, but a retry could start a second after the first ended.
        var run = await grains.GetGrain<IRetrainingGrain>(name)
            .TriggerAsync(RetrainingRun.ManualTrigger, body?.Reason ?? "requested through the admin API");
        return TypedResults.Accepted($"/api/models/{Uri.EscapeDataString(name)}", RetrainingRunResponse.From(run, null));
    }

    public static async Task<IResult> GetExperimentsAsync(
        string name, IGrainFactory grains, IOptions<ModelRegistryOptions> options, CancellationToken cancellationToken)
    {
        if (NameProblem(name, options.Value) is { } problem)
        {
            return problem;
        }
        var snapshot = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IModelRegistryGrain>(name).GetSnapshotAsync(), cancellationToken);
        if (snapshot.Versions.Count == 0)
        {
            return NoVersions(name);
        }
        var report = await GrainCallRetry.RunAsync(
            () => grains.GetGrain<IExperimentGrain>(name).GetReportAsync(), cancellationToken);
        return TypedResults.Ok(ExperimentResponse.From(report));
    }

    /// <summary>Reads and checks a command's body, runs it once (commands are not idempotent), answers the registry after it.</summary>
    private static async Task<IResult> CommandAsync<TBody>(
        string name,
        HttpRequest request,
        bool optional,
        Action<TBody?, FieldErrors> validate,
        ModelRegistryOptions options,
        IGrainFactory grains,
        ILoggerFactory logs,
        Func<IModelRegistryGrain, TBody?, Task<RegistryResult>> command,
        CancellationToken cancellationToken)
        where TBody : class
    {
        var (body, problem) = await ReadCommandAsync(name, request, optional, validate, options, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await command(grains.GetGrain<IModelRegistryGrain>(name), body);
        return result.Succeeded
            ? TypedResults.Ok(await DescribeAsync(result.Snapshot, grains, logs, cancellationToken))
            : Refused(result);
    }

    /// <summary>A command's model name and body, read and checked: the body, or the problem to answer instead.</summary>
    private static async Task<(TBody? Body, IResult? Problem)> ReadCommandAsync<TBody>(
        string name,
        HttpRequest request,
        bool optional,
        Action<TBody?, FieldErrors> validate,
        ModelRegistryOptions options,
        CancellationToken cancellationToken)
        where TBody : class
    {
        if (NameProblem(name, options) is { } nameProblem)
        {
            return (null, nameProblem);
        }
        var (body, problem) = await JsonBody.ReadObjectAsync<TBody>(request, optional, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        var errors = new FieldErrors();
        validate(body, errors);
        return errors.Any ? (null, JsonBody.Problem(errors)) : (body, null);
    }

    /// <summary>
    /// The registry's view with the retraining grain's last run and drift. Those are extras: when the retraining
    /// grain cannot answer, the registry is still shown (without them) and the failure is logged.
    /// </summary>
    private static async Task<ModelDetailResponse> DescribeAsync(
        RegistrySnapshot snapshot, IGrainFactory grains, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        RetrainingStatus? retraining = null;
        try
        {
            retraining = await GrainCallRetry.RunAsync(
                () => grains.GetGrain<IRetrainingGrain>(snapshot.ModelName).GetStatusAsync(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(ModelsApi)).LogWarning(ex, "The retraining status of {Model} could not be read", snapshot.ModelName);
        }
        return ModelDetailResponse.From(snapshot, retraining);
    }

    private static IResult? NameProblem(string name, ModelRegistryOptions options)
    {
        var errors = new FieldErrors();
        Check.Id(errors, "name", name);
        if (errors.Any)
        {
            return JsonBody.Problem(errors);
        }
        return name == options.ServingModel
            ? null
            : TypedResults.Problem(
                title: "No such model.",
                detail: $"This service serves the model '{options.ServingModel}'; there is no model '{name}'.",
                statusCode: StatusCodes.Status404NotFound);
    }

    private static IResult NoVersions(string name) => TypedResults.Problem(
        title: "No such model.",
        detail: $"The model '{name}' has no registered version yet.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// A refusal caused by the registry's state is 409, one caused by the request 400; both name the field (for an
    /// upload, the registry's <c>version</c> is the manifest's <c>modelVersion</c>).
    /// </summary>
    private static IResult Refused(RegistryResult result, string? versionField = null)
    {
        var field = result.Field is "version" && versionField is not null ? versionField : result.Field ?? JsonBody.BodyField;
        return result.Conflict ? Conflict(result.Error!, field) : JsonBody.Problem(field, result.Error!);
    }

    private static IResult Conflict(string detail, string field) => TypedResults.Problem(
        title: "The model registry's state does not allow this.",
        detail: detail,
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The one file (or, unless <paramref name="fileOnly"/>, text value) sent under <paramref name="part"/>.</summary>
    private static FormPart? SinglePart(FieldErrors errors, IFormCollection form, string part, bool fileOnly)
    {
        var files = form.Files.GetFiles(part);
        var texts = form.TryGetValue(part, out var values) ? values.Count : 0;
        if (files.Count + texts == 0)
        {
            errors.Add(part, "is required.");
            return null;
        }
        if (files.Count + texts > 1)
        {
            errors.Add(part, "may be given only once.");
            return null;
        }
        if (files.Count == 1)
        {
            if (files[0].Length == 0)
            {
                errors.Add(part, "is empty.");
                return null;
            }
            return new FormPart(files[0], null);
        }
        if (fileOnly)
        {
            errors.Add(part, "must be sent as a file part (with a filename), e.g. curl -F model=@model.onnx.");
            return null;
        }
        return new FormPart(null, values.ToString());
    }

    private static double CanaryShare(FieldErrors errors, IFormCollection form, IQueryCollection query, double fallback)
    {
        var inForm = form.TryGetValue("canaryShare", out var formValue);
        var inQuery = query.TryGetValue("canaryShare", out var queryValue);
        if (inForm && inQuery)
        {
            errors.Add("canaryShare", "give it once: as a form field or as a query parameter.");
            return fallback;
        }
        if (!inForm && !inQuery)
        {
            return fallback;
        }
        var text = inForm ? formValue : queryValue;
        if (text.Count != 1 || !Check.TryNumber(text.ToString(), out var share))
        {
            errors.Add("canaryShare", "must be a fraction within [0, 1].");
            return fallback;
        }
        ModelChecks.Share(errors, "canaryShare", share);
        return share;
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private readonly record struct FormPart(IFormFile? File, string? Text);

    /// <summary>Lifts the 4 MiB general body limit for the upload endpoint only (applied by endpoint routing).</summary>
    private sealed record UploadSizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
