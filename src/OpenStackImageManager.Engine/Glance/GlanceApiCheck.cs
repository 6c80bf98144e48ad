using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>
/// The v2 API assumed below an unversioned image endpoint, checked only when Glance's answers put it
/// in doubt: a 404 or 300 before any request succeeded asks the endpoint's version document once,
/// which turns a wrong endpoint into "offers no Glance v2 API" instead of a bare "not found".
/// Shared by the clients of one session (<see cref="GlanceClient.WithLog"/>).
/// </summary>
internal sealed class GlanceApiCheck(Uri root, string cloudOrigin)
{
    private volatile bool _confirmed;

    /// <summary>A request below the base URL succeeded: the API is there.</summary>
    public void Confirm() => _confirmed = true;

    /// <summary>After an answer that may mean "no such API": throws the configuration error when the endpoint lists no v2.</summary>
    public async Task RequireV2Async(HttpClient client, IOperationLog log, CancellationToken cancellationToken)
    {
        if (_confirmed)
        {
            return;
        }

        await GlanceDiscovery.RequireV2Async(client, root, cloudOrigin, log, cancellationToken).ConfigureAwait(false);
        _confirmed = true;
    }
}
