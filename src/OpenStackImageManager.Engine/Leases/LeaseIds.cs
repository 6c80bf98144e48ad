using System.Security.Cryptography;
using System.Text;

namespace OpenStackImageManager.Engine.Leases;

/// <summary>
/// The fixed image id of lease epoch <c>n</c> of one (project, managed tag): a name-based UUID
/// (RFC 9562 version 5). Every run computes the same id, and Glance's primary key on image ids makes
/// "create the image with this id" succeed for exactly one caller, ever (a deleted image's id stays taken).
/// </summary>
internal static class LeaseIds
{
    /// <summary>This tool's namespace for lease ids (a random UUID chosen once).</summary>
    private static readonly Guid Namespace = new("5a0f3c1e-8d2b-4e6f-9a7c-3b1d2e4f6a80");

    public static string For(string projectId, string managedTag, long epoch) =>
        Version5(Namespace, $"{projectId}\n{managedTag}\n{epoch}").ToString("D");

    internal static Guid Version5(Guid space, string name)
    {
        var bytes = space.ToByteArray(bigEndian: true);
        var data = new byte[bytes.Length + Encoding.UTF8.GetByteCount(name)];
        bytes.CopyTo(data, 0);
        Encoding.UTF8.GetBytes(name, 0, name.Length, data, bytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 version 5 is; no security rests on it here.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true);
    }
}
