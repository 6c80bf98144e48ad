namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// Tests that change the process environment (OS_CLOUD, OS_AUTH_URL) or depend on the module's default
/// session being unset: they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process environment and default session";
}
