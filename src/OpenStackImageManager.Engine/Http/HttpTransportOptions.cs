namespace OpenStackImageManager.Engine.Http;

/// <summary>How one cloud's HTTP traffic is sent: TLS, timeouts, retries, and test hooks.</summary>
internal sealed record HttpTransportOptions
{
    /// <summary>Time for one attempt to get its response headers. Long transfers are exempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt, for requests safe to repeat.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay; doubled each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No wait is longer than this, not even one a Retry-After asks for.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>False for clouds.yaml <c>verify: false</c> / OS_INSECURE.</summary>
    public bool VerifyTls { get; init; } = true;

    public string? CaCertFile { get; init; }

    public string? ClientCertFile { get; init; }

    public string? ClientKeyFile { get; init; }

    /// <summary>Replaces the socket handler; unit tests use it for faults a real server cannot produce.</summary>
    public Func<HttpMessageHandler>? PrimaryHandler { get; init; }

    /// <summary>Handlers placed next to the wire (after retries), so they see every attempt; e.g. a request log.</summary>
    public IReadOnlyList<Func<DelegatingHandler>> WireHandlers { get; init; } = [];
}
