namespace LeadRecs.Ranking.Model;

/// <summary>The outcome of <see cref="ModelValidator.Validate"/>: a registrable artifact, or the errors that prevent it.</summary>
public sealed record ModelValidation(ModelArtifact? Artifact, IReadOnlyList<ModelValidationError> Errors)
{
    public bool IsValid => Artifact is not null && Errors.Count == 0;

    public static ModelValidation Valid(ModelArtifact artifact) => new(artifact, []);

    public static ModelValidation Invalid(IReadOnlyList<ModelValidationError> errors) => new(null, errors);
}
