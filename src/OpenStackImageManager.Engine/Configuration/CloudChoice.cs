namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// The cloud a run uses and why. <see cref="Cloud"/> is the clouds.yaml name; it is null for the
/// <c>OS_*</c> variables and for the default session.
/// </summary>
public sealed record CloudChoice(CloudSource Source, string? Cloud)
{
    /// <summary>
    /// What an error about this cloud names as its target: the cloud's name, or <c>envvars</c> for the
    /// OS_* variables (the name the resolved config carries); null for the default session.
    /// </summary>
    public string? Target => Source switch
    {
        CloudSource.DefaultSession => null,
        CloudSource.EnvironmentVariables => CloudConfigLoader.EnvironmentCloudName,
        _ => Cloud,
    };

    /// <summary>For verbose output: which cloud and which rule chose it.</summary>
    public override string ToString() => Source switch
    {
        CloudSource.Parameter => $"cloud '{Cloud}' (given)",
        CloudSource.DefaultSession => "the default session (Connect-OpenStack)",
        CloudSource.OsCloud => $"cloud '{Cloud}' (OS_CLOUD)",
        CloudSource.EnvironmentVariables => "the OS_* environment variables (OS_AUTH_URL)",
        _ => $"cloud '{Cloud}' (default name)",
    };
}
