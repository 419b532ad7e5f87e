namespace LeadRecs.Client.Api.Contracts;

/// <summary>The parts of <c>POST /api/models/{name}/versions</c>, for the OpenAPI document.</summary>
public sealed record ModelUploadForm(IFormFile Model, IFormFile Manifest, double? CanaryShare, string? Reason);
