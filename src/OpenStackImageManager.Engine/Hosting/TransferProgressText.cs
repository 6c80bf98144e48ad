using System.Globalization;

namespace OpenStackImageManager.Engine.Hosting;

/// <summary>How progress of a transfer reads: <c>40.0 of 120.0 MiB sent</c> when the size is known, else <c>40.0 MiB sent</c>.</summary>
internal static class TransferProgressText
{
    public static string Sent(long bytes, long? size) =>
        size is > 0 ? $"{MiB(bytes)} of {MiB(size.Value)} MiB sent" : $"{MiB(bytes)} MiB sent";

    /// <summary>0–100 when the size is known, else -1 (unknown, as progress records mean it).</summary>
    public static int Percent(long bytes, long? size) =>
        size is > 0 ? (int)Math.Clamp(bytes * 100 / size.Value, 0, 100) : -1;

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
