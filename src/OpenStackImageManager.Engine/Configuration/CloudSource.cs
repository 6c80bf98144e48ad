namespace OpenStackImageManager.Engine.Configuration;

/// <summary>Where the cloud of a run came from; the order of the members is the order of precedence.</summary>
public enum CloudSource
{
    /// <summary>Named by the caller: <c>-Cloud</c> or <c>--cloud</c>.</summary>
    Parameter,

    /// <summary>The module's default session (Connect-OpenStack); never for the command line.</summary>
    DefaultSession,

    /// <summary>Named by <c>OS_CLOUD</c>.</summary>
    OsCloud,

    /// <summary>The plain <c>OS_*</c> variables (<c>OS_AUTH_URL</c> and the others), no clouds.yaml.</summary>
    EnvironmentVariables,

    /// <summary>The front end's own default name (the command line's <c>openstack</c>).</summary>
    Fallback,
}
