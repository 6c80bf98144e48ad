namespace OpenStackImageManager.Engine;

/// <summary>
/// Every default the cmdlets, the command line and the engine share, in one place. Constants, because
/// parameter attributes (<c>[ValidateRange]</c>) and parameter initialisers of the cmdlets need
/// compile-time values; the compiler copies them into the cmdlet assembly, so reading one never loads
/// the engine.
/// </summary>
public static class Defaults
{
    /// <summary>The tag that marks managed images (the Python tool's default).</summary>
    public const string ManagedTag = Models.PlanSettings.DefaultManagedTag;

    /// <summary>Images (or mirror objects) worked on at once.</summary>
    public const int ThrottleLimit = 4;

    /// <summary>Smallest allowed throttle limit.</summary>
    public const int MinThrottleLimit = 1;

    /// <summary>Largest allowed throttle limit: more parallel imports only queue up in Glance.</summary>
    public const int MaxThrottleLimit = 64;

    /// <summary>Seconds one image may take from create to active (the command line's unit).</summary>
    public const int ImportTimeoutSeconds = 1800;

    /// <summary>Where the definitions are when no path is given (relative to the current directory).</summary>
    public const string ImagesDirectory = "etc/images/";

    /// <summary>Key prefix of the Python mirror script's object layout.</summary>
    public const string MirrorPrefix = "openstack-images";

    /// <summary>The cloud the command line uses when neither --cloud, OS_CLOUD nor OS_AUTH_URL names one (the Python tool's default).</summary>
    public const string CommandLineCloud = "openstack";

    /// <summary>Seconds a run waits for another run's catalog lease: none, it stops at once naming the holder.</summary>
    public const int LeaseWaitSeconds = 0;

    /// <summary>How long a catalog lease lasts without renewal (the holder renews every minute).</summary>
    public static TimeSpan LeaseDuration => TimeSpan.FromMinutes(5);

    /// <summary><see cref="ImportTimeoutSeconds"/> as a span.</summary>
    public static TimeSpan ImportTimeout => TimeSpan.FromSeconds(ImportTimeoutSeconds);
}
