namespace OpenStackImageManager.Engine.Updates;

/// <summary>An upstream source answered wrongly (missing file, HTML error page, a manifest without the file): an error for one definition only.</summary>
internal sealed class UpdateSourceException : Exception
{
    public UpdateSourceException()
    {
    }

    public UpdateSourceException(string message)
        : base(message)
    {
    }

    public UpdateSourceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>True when upstream said the file does not exist (404, 410), as opposed to failing.</summary>
    public bool IsMissing { get; init; }
}
