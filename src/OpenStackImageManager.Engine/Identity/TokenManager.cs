using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Identity;

/// <summary>
/// Holds the session's token and renews it: ahead of expiry (when a tenth of its lifetime or
/// <see cref="RenewBefore"/> is left, whichever is less, so a short-lived token is not renewed for every
/// call), and when a service refused it (401).
/// Concurrent callers share one renewal. A renewal that a 401 asked for happens only once per refused
/// token, so a token the services keep refusing fails instead of looping.
/// </summary>
internal sealed class TokenManager : IDisposable
{
    private readonly Func<IOperationLog, CancellationToken, Task<KeystoneToken>> _authenticate;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeystoneToken? _current;

    public TokenManager(Func<IOperationLog, CancellationToken, Task<KeystoneToken>> authenticate, TimeProvider? clock = null)
    {
        _authenticate = authenticate;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Renew at the latest when this is left: long enough for a slow request to start.</summary>
    public TimeSpan RenewBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The share of a token's lifetime left when it is renewed, if that is less than <see cref="RenewBefore"/>.</summary>
    public const double RenewShare = 0.1;

    private TimeSpan _lifetime;

    public KeystoneToken? Current => Volatile.Read(ref _current);

    /// <summary>How many tokens were issued; tests read it to see renewals.</summary>
    public int Issued { get; private set; }

    /// <summary>The current token, renewed first when it is about to expire; a renewal logs to <paramref name="log"/>.</summary>
    public async Task<KeystoneToken> GetAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var token = Current;
        if (token is not null && !IsExpiring(token))
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = Current;
            if (token is not null && !IsExpiring(token))
            {
                return token;
            }

            if (token is not null)
            {
                log.Verbose($"Renewing the token (expires {token.ExpiresAt:u}).");
            }

            return await IssueAsync(log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A service refused <paramref name="refused"/>: returns a token other than it, renewing only if no
    /// one else has since. The caller sends its request once more with it and never asks again.
    /// </summary>
    public async Task<KeystoneToken> RenewAfterRefusalAsync(KeystoneToken refused, IOperationLog log, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Current;
            if (current is not null && !ReferenceEquals(current, refused))
            {
                // Someone else renewed already; use theirs.
                return current;
            }

            log.Verbose("The token was refused (401); authenticating again.");
            return await IssueAsync(log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Test hook: replace the token (e.g. with one that is about to expire or is garbage).</summary>
    internal void Replace(KeystoneToken token)
    {
        _lifetime = LifetimeOf(token);
        Volatile.Write(ref _current, token);
    }

    /// <summary>How long before its expiry <paramref name="token"/> is renewed.</summary>
    internal TimeSpan MarginFor(KeystoneToken token)
    {
        var share = TimeSpan.FromTicks((long)((ReferenceEquals(token, Current) ? _lifetime : LifetimeOf(token)).Ticks * RenewShare));
        return share < RenewBefore ? share : RenewBefore;
    }

    public void Dispose() => _gate.Dispose();

    private bool IsExpiring(KeystoneToken token) => token.ExpiresAt - _clock.GetUtcNow() < MarginFor(token);

    /// <summary>Issued to expiry by Keystone's clock; without issued_at, from now (the token was just issued).</summary>
    private TimeSpan LifetimeOf(KeystoneToken token)
    {
        var lifetime = token.ExpiresAt - (token.IssuedAt ?? _clock.GetUtcNow());
        return lifetime > TimeSpan.Zero ? lifetime : TimeSpan.Zero;
    }

    private async Task<KeystoneToken> IssueAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var token = await _authenticate(log, cancellationToken).ConfigureAwait(false);
        Issued++;
        _lifetime = LifetimeOf(token);
        Volatile.Write(ref _current, token);
        return token;
    }
}
