using System.Collections.Concurrent;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>One request as it went on the wire: after retries, so every attempt is one entry.</summary>
public sealed record LoggedRequest(string Method, string Path, string Query, int? Status, string? Fault)
{
    /// <summary>"GET /v2/images?limit=25": method, path and query.</summary>
    public string Line => $"{Method} {Path}{Query}";
}

/// <summary>
/// Records method, path and status of every request a session sends. Tests count with a
/// <see cref="Scope"/>: entries recorded in the scope's async flow only, so classes that share a
/// session can run in parallel.
/// </summary>
public sealed class RequestLog
{
    private static readonly AsyncLocal<Scope?> s_current = new();
    private readonly ConcurrentQueue<LoggedRequest> _all = new();

    public IReadOnlyList<LoggedRequest> All => _all.ToArray();

    /// <summary>Every request as a <see cref="LoggedRequest.Line"/>, in order.</summary>
    public IReadOnlyList<string> Lines => _all.Select(e => e.Line).ToArray();

    public int Count(Func<string, bool> match) => _all.Count(e => match(e.Line));

    /// <summary>Forgets what was recorded so far (scopes are the way for classes that share a session).</summary>
    public void Clear() => _all.Clear();

    public override string ToString() => string.Join(Environment.NewLine, Lines);

    public Scope BeginScope()
    {
        var scope = new Scope(s_current.Value);
        s_current.Value = scope;
        return scope;
    }

    internal void Record(LoggedRequest entry)
    {
        _all.Enqueue(entry);
        for (var scope = s_current.Value; scope is not null; scope = scope.Parent)
        {
            scope.Add(entry);
        }
    }

    public sealed class Scope : IDisposable
    {
        private readonly ConcurrentQueue<LoggedRequest> _entries = new();

        internal Scope(Scope? parent) => Parent = parent;

        internal Scope? Parent { get; }

        public IReadOnlyList<LoggedRequest> Entries => _entries.ToArray();

        public int Count(string method, string? pathContains = null) =>
            _entries.Count(e => e.Method == method && (pathContains is null || e.Path.Contains(pathContains, StringComparison.Ordinal)));

        /// <summary>"GET /v2/images → 200" lines, for test output and failure messages.</summary>
        public string Describe() => string.Join(Environment.NewLine, _entries.Select(e => $"{e.Method} {e.Path}{e.Query} → {e.Status?.ToString() ?? e.Fault}"));

        internal void Add(LoggedRequest entry) => _entries.Enqueue(entry);

        public void Dispose()
        {
            if (s_current.Value == this)
            {
                s_current.Value = Parent;
            }
        }
    }
}

/// <summary>The test helper handler that feeds a <see cref="RequestLog"/>; placed next to the wire.</summary>
public sealed class RequestLogHandler(RequestLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log.Record(new LoggedRequest(request.Method.Method, uri.AbsolutePath, uri.Query, (int)response.StatusCode, null));
            return response;
        }
        catch (Exception ex)
        {
            log.Record(new LoggedRequest(request.Method.Method, uri.AbsolutePath, uri.Query, null, ex.GetType().Name));
            throw;
        }
    }
}
