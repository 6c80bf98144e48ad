using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>An edit of one definition file, ready to show (<see cref="Edit"/>.Diff) and to write.</summary>
public sealed class PreparedEdit
{
    internal PreparedEdit(ImageUpdate update, ImageDefinitionEdit edit, string before, string after, MirrorRequest? mirror)
    {
        Update = update;
        Edit = edit;
        Before = before;
        After = after;
        Mirror = mirror;
    }

    public ImageUpdate Update { get; }

    public ImageDefinitionEdit Edit { get; }

    internal string Before { get; }

    internal string After { get; }

    /// <summary>The transfer that must succeed before the file is written (a mirror_url naming an object not there yet).</summary>
    internal MirrorRequest? Mirror { get; }
}
