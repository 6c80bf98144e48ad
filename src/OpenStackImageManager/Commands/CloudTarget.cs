namespace OpenStackImageManager.Commands;

/// <summary>The target of a connection's error record: the cloud as the user named it, else OS_CLOUD, else the OS_* variables.</summary>
internal static class CloudTarget
{
    internal static string Of(string? cloud) =>
        cloud ?? (Environment.GetEnvironmentVariable("OS_CLOUD") is { Length: > 0 } named ? named : "envvars");
}
