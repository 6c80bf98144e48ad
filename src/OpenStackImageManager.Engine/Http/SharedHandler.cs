namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// Puts a handler chain that outlives its clients under one client: the client (and any handler placed
/// over this one) may be disposed, the chain is disposed only by its owner.
/// </summary>
internal sealed class SharedHandler(HttpMessageHandler chain) : DelegatingHandler(chain)
{
    protected override void Dispose(bool disposing)
    {
        // Deliberately not base.Dispose: that would dispose the shared chain.
    }
}
