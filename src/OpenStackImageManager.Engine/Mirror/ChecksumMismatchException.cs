namespace OpenStackImageManager.Engine.Mirror;

/// <summary>The streamed bytes did not match the declared checksum.</summary>
internal sealed class ChecksumMismatchException : Exception
{
    public ChecksumMismatchException(string message)
        : base(message)
    {
    }

    public ChecksumMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ChecksumMismatchException()
    {
    }
}
