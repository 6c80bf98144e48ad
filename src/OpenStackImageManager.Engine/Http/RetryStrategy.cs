namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// How often and how patiently <see cref="RetryPolicy.ExecuteAsync"/> tries again: up to
/// <see cref="MaxRetries"/> retries after the first attempt when <see cref="ShouldRetry"/> says so, waiting
/// <see cref="FirstDelay"/> doubled per retry (with jitter), or what Retry-After asks, never longer than
/// <see cref="MaxDelay"/>. <see cref="OnRetry"/> hears of each retry (the discarded outcome, the delay and
/// the 1-based number of the retry about to happen) before the discarded answer is disposed.
/// </summary>
internal sealed record RetryStrategy(
    int MaxRetries,
    TimeSpan FirstDelay,
    TimeSpan MaxDelay,
    Func<HttpOutcome, bool> ShouldRetry,
    Action<HttpOutcome, TimeSpan, int> OnRetry);
