namespace OpenStackImageManager.Engine.Mirror;

/// <summary>A definition that cannot be mirrored as given; reported, never retried.</summary>
public sealed class MirrorDefinitionException : Exception
{
    public MirrorDefinitionException(string message)
        : base(message)
    {
    }

    public MirrorDefinitionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public MirrorDefinitionException()
    {
    }
}
