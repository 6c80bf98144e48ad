using System.Net;
using System.Net.Sockets;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>
/// A TCP proxy in front of the real Glance that cuts the first <c>faults</c> connections in the middle
/// of the answer (a reset, as a crashed load balancer gives) and passes every later one through.
/// Glance answers with Connection: close, so one connection is one request.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _faults;
    private int _connections;

    private const int CutAfterBytes = 12;

    public FaultProxy(Uri target, int faults)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _faults = faults;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Connections => Volatile.Read(ref _connections);

    public void FailNext(int faults) => Volatile.Write(ref _faults, faults);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var cut = Interlocked.Decrement(ref _faults) >= 0;
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_target, _stop.Token);
            var down = client.GetStream();
            var up = upstream.GetStream();
            var toServer = PumpAsync(down, up, upstream.Client);
            if (cut)
            {
                await CutResponseAsync(up, down, client);
                return;
            }

            var toClient = PumpAsync(up, down, client.Client);
            await Task.WhenAll(toServer, toClient);
        }
    }

    /// <summary>
    /// Passes the first bytes of Glance's answer, then resets the connection. The service has done the
    /// work by then, and the client cannot tell whether it did: exactly the case where only a request
    /// safe to repeat may be sent again. (A reset before any answer would be retried by .NET's own
    /// connection pool already, so it would not show what our retry policy decides.)
    /// </summary>
    private async Task CutResponseAsync(NetworkStream up, NetworkStream down, TcpClient client)
    {
        var buffer = new byte[CutAfterBytes];
        var read = await up.ReadAtLeastAsync(buffer, CutAfterBytes, throwOnEndOfStream: false, _stop.Token);
        await down.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        await down.FlushAsync(_stop.Token);
        client.Client.LingerState = new LingerOption(true, 0);
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
