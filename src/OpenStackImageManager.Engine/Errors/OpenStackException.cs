namespace OpenStackImageManager.Engine.Errors;

/// <summary>
/// Base of every failure the engine reports about a cloud. Messages are written for the operator and
/// never contain a secret: they are built from redacted parts only.
/// </summary>
public class OpenStackException : Exception
{
    public OpenStackException(OpenStackErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public OpenStackErrorKind Kind { get; }

    /// <summary>What the failure is about (an image id, a cloud name), for error records.</summary>
    public string? Target { get; init; }
}

/// <summary>clouds.yaml, secure.yaml or OS_* variables are missing something or are wrong.</summary>
internal sealed class CloudConfigException : OpenStackException
{
    public CloudConfigException(string message, Exception? inner = null)
        : base(OpenStackErrorKind.Configuration, message, inner)
    {
    }
}

/// <summary>The request never got an HTTP answer: connection refused or reset, or no answer in time.</summary>
internal sealed class OpenStackTransportException : OpenStackException
{
    public OpenStackTransportException(OpenStackErrorKind kind, string method, string path, int attempts, string message, Exception? inner)
        : base(kind, message, inner)
    {
        Method = method;
        Path = path;
        Attempts = attempts;
    }

    public string Method { get; }

    public string Path { get; }

    public int Attempts { get; }
}
