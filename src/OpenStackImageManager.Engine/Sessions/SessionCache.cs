using System.Security.Cryptography;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sessions;

/// <summary>
/// Opens sessions and reuses them for the same resolved cloud only. The key is a fingerprint of
/// everything the cloud resolved to (<see cref="CloudFingerprint"/>): config file path and contents,
/// auth URL, user, project, domain, region, interface and credentials, never a secret in clear. So a
/// cloud <c>prod</c> of another clouds.yaml (a changed <c>OS_CLIENT_CONFIG_FILE</c>), an edited file or
/// a corrected password gives a new session, and the clouds.yaml is read again on every request.
/// An instance, not process state: the module keeps one for its cmdlets, the command line makes its own.
/// </summary>
public sealed class SessionCache
{
    private readonly byte[] _fingerprintKey = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, OpenStackSession> _byFingerprint = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<string?, CloudConfigLoader> _loaderFor;
    private readonly Func<CloudConfig, IOperationLog, CancellationToken, Task<OpenStackSession>> _connect;
    private readonly Func<OpenStackSession, bool> _isLive;

    public SessionCache()
        : this(directory => CloudConfigLoader.ForProcess(directory), ConnectLiveAsync, SessionRegistry.IsLive)
    {
    }

    /// <summary>For tests: where configuration comes from (the environment and directory the loader sees).</summary>
    internal SessionCache(Func<string?, CloudConfigLoader> loaderFor)
        : this(loaderFor, ConnectLiveAsync, SessionRegistry.IsLive)
    {
    }

    /// <summary>For tests: where configuration comes from, how a session is opened and whether it still lives.</summary>
    internal SessionCache(
        Func<string?, CloudConfigLoader> loaderFor,
        Func<CloudConfig, IOperationLog, CancellationToken, Task<OpenStackSession>> connect,
        Func<OpenStackSession, bool> isLive)
    {
        _loaderFor = loaderFor;
        _connect = connect;
        _isLive = isLive;
    }

    /// <summary>
    /// Authenticates anew (Connect-OpenStack, the command line) and remembers the session for its
    /// fingerprint. A null <paramref name="choice"/> (nothing names a cloud) fails with the rule's message.
    /// On failure nothing is remembered and nothing earlier is forgotten.
    /// </summary>
    public Task<OpenStackSession> ConnectAsync(
        CloudChoice? choice, string? region, string? endpointInterface, string? currentDirectory, IOperationLog log, CancellationToken cancellationToken) =>
        ConnectAsync(choice, region, endpointInterface, credential: null, currentDirectory, log, cancellationToken);

    /// <summary>
    /// Authenticates anew with <paramref name="credential"/> in place of the configured one (when given).
    /// The credential is an input of the resolved cloud, so it is part of the fingerprint: another
    /// credential is another session, and -Cloud (which resolves the cloud without it) never gets this
    /// one. The secret is only ever held by the resolved config and the HMAC, never in a key.
    /// </summary>
    public async Task<OpenStackSession> ConnectAsync(
        CloudChoice? choice, string? region, string? endpointInterface, CloudCredential? credential, string? currentDirectory, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var config = Load(choice, region, endpointInterface, credential, currentDirectory, log);
        var fingerprint = CloudFingerprint.Of(config, _fingerprintKey);
        var session = await _connect(config, log, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _byFingerprint[fingerprint] = session;
        }
        finally
        {
            _gate.Release();
        }

        return session;
    }

    /// <summary>
    /// The session for the chosen cloud: the one opened before for the same fingerprint while it is
    /// connected, else a new one. Serialised, so a pipeline of cmdlets authenticates once.
    /// </summary>
    public async Task<OpenStackSession> GetOrConnectAsync(CloudChoice choice, string? currentDirectory, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(log);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var config = Load(choice, null, null, credential: null, currentDirectory, log);
            var fingerprint = CloudFingerprint.Of(config, _fingerprintKey);
            if (_byFingerprint.TryGetValue(fingerprint, out var known) && _isLive(known))
            {
                log.Verbose($"Reusing the session for {config.Origin}.");
                return known;
            }

            var session = await _connect(config, log, cancellationToken).ConfigureAwait(false);
            _byFingerprint[fingerprint] = session;
            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a session (after Disconnect-OpenStack), so it is never handed out again.</summary>
    public void Forget(OpenStackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _gate.Wait();
        try
        {
            foreach (var key in _byFingerprint.Where(p => p.Value.Handle == session.Handle).Select(p => p.Key).ToList())
            {
                _byFingerprint.Remove(key);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private CloudConfig Load(CloudChoice? choice, string? region, string? endpointInterface, CloudCredential? credential, string? currentDirectory, IOperationLog log)
    {
        var loader = _loaderFor(currentDirectory);
        if (choice is null)
        {
            // Nothing names a cloud: the loader's message says what to give.
            return loader.Load(null, region, endpointInterface, credential);
        }

        log.Verbose(credential is null ? $"Cloud: {choice}." : $"Cloud: {choice}, with the given credential ({credential}).");
        return loader.LoadChosen(choice, region, endpointInterface, credential);
    }

    private static async Task<OpenStackSession> ConnectLiveAsync(CloudConfig config, IOperationLog log, CancellationToken cancellationToken)
    {
        var session = await SessionFactory.ConnectAsync(config, SessionFactory.TransportFor(config), log, cancellationToken).ConfigureAwait(false);
        SessionRegistry.Add(session);
        return session.ToModel();
    }
}
