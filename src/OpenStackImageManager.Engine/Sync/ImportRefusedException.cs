using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The plan refused: at least one new image could not be imported and verified under the plan's import
/// method and checksum policy. Thrown by planning, before anything was created; <see cref="Refusals"/>
/// holds every image's reason so a front end can word them with its own option names.
/// </summary>
public sealed class ImportRefusedException : OpenStackException
{
    public ImportRefusedException(IReadOnlyList<ImportRefusal> refusals)
        : base(OpenStackErrorKind.InvalidRequest, MessageOf(refusals, ImportOptionNames.Neutral))
    {
        Refusals = refusals;
        Target = refusals.Count == 1 ? refusals[0].ImageName : null;
    }

    public IReadOnlyList<ImportRefusal> Refusals { get; }

    /// <summary>The refusals in the caller's words, one per line, and what happened: nothing.</summary>
    public static string MessageOf(IReadOnlyList<ImportRefusal> refusals, ImportOptionNames names)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        var lines = refusals.Select(r => r.Text(names));
        return $"{refusals.Count} image(s) cannot be imported and verified as asked; nothing was created:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
