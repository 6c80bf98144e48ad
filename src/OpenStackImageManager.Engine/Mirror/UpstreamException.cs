namespace OpenStackImageManager.Engine.Mirror;

/// <summary>The upstream file could not be read: the message says what was tried and what came back.</summary>
public sealed class UpstreamException : Exception
{
    public UpstreamException(string message)
        : base(message)
    {
    }

    public UpstreamException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UpstreamException()
    {
    }
}
