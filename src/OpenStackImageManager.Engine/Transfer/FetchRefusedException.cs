namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// The fetch policy refused a URL, a redirect, a resolved address or a file path. Never retried: the
/// same request would be refused again. An IOException so transport code that passes I/O faults on keeps
/// it intact; the retry policy recognises it and stops.
/// </summary>
internal sealed class FetchRefusedException : IOException
{
    public FetchRefusedException(string message)
        : base(message)
    {
    }

    public FetchRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public FetchRefusedException()
    {
    }

    /// <summary>The refusal inside <paramref name="fault"/> (it may be wrapped by the socket handler), if any.</summary>
    public static FetchRefusedException? Find(Exception? fault)
    {
        for (var current = fault; current is not null; current = current.InnerException)
        {
            if (current is FetchRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
