namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// Which cloud a run talks to, one rule for the cmdlets and the command line, first match wins:
/// <list type="number">
/// <item>the cloud named by the caller (<c>-Cloud</c>, <c>--cloud</c>);</item>
/// <item>the module's default session, when Connect-OpenStack opened one (cmdlets only);</item>
/// <item><c>OS_CLOUD</c>;</item>
/// <item>the <c>OS_*</c> variables, when <c>OS_AUTH_URL</c> is set;</item>
/// <item>the front end's default name (the command line's <c>openstack</c>; the cmdlets have none).</item>
/// </list>
/// A name given on purpose beats the environment, so <c>--cloud prod</c> means prod even where
/// <c>OS_AUTH_URL</c> is set; a command line without <c>--cloud</c> still uses the <c>OS_*</c> variables,
/// as the Python tool does.
/// </summary>
public static class CloudSelection
{
    /// <summary>The choice, or null when nothing names a cloud (the front end reports "not connected").</summary>
    public static CloudChoice? Choose(string? requestedCloud, bool hasDefaultSession, Func<string, string?> environment, string? fallbackCloud = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Value(requestedCloud) is { } requested)
        {
            return new CloudChoice(CloudSource.Parameter, requested);
        }

        if (hasDefaultSession)
        {
            return new CloudChoice(CloudSource.DefaultSession, null);
        }

        if (Value(environment("OS_CLOUD")) is { } osCloud)
        {
            return new CloudChoice(CloudSource.OsCloud, osCloud);
        }

        if (Value(environment("OS_AUTH_URL")) is not null)
        {
            return new CloudChoice(CloudSource.EnvironmentVariables, null);
        }

        return Value(fallbackCloud) is { } fallback ? new CloudChoice(CloudSource.Fallback, fallback) : null;
    }

    /// <summary>The rule over this process's environment.</summary>
    public static CloudChoice? Choose(string? requestedCloud, bool hasDefaultSession, string? fallbackCloud = null) =>
        Choose(requestedCloud, hasDefaultSession, Environment.GetEnvironmentVariable, fallbackCloud);

    /// <summary>Names of the clouds in the clouds.yaml in use, for argument completion.</summary>
    public static IReadOnlyList<string> CloudNames(string? currentDirectory) => CloudConfigLoader.ForProcess(currentDirectory).CloudNames();

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
