using System.Net.Sockets;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>Finds the local test cloud (tests/cloud/start.sh) and opens sessions on it.</summary>
public static class TestCloud
{
    public const string StartHint = "start the local test cloud: bash tests/cloud/start.sh";
    public const string DefaultCloudsFile = "/var/tmp/oim-testcloud/clouds.yaml";

    /// <summary>A short id for this test run; every image name carries it so runs never collide.</summary>
    public static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    public static string CloudsFile
    {
        get
        {
            var file = Environment.GetEnvironmentVariable("OS_CLIENT_CONFIG_FILE");
            return !string.IsNullOrEmpty(file) && File.Exists(file) ? file : DefaultCloudsFile;
        }
    }

    /// <summary>A cloud of the test clouds.yaml; fails the test (never skips) when the cloud is not there.</summary>
    internal static CloudConfig Config(string cloud)
    {
        var file = CloudsFile;
        if (!File.Exists(file))
        {
            Assert.Fail($"No clouds.yaml at {file} (OS_CLIENT_CONFIG_FILE unset or missing): {StartHint}");
        }

        var environment = new Dictionary<string, string> { ["OS_CLIENT_CONFIG_FILE"] = file };
        var config = new CloudConfigLoader(environment, Path.GetTempPath(), null).Load(cloud);
        EnsureReachable(config.AuthUrl);
        return config;
    }

    internal static async Task<CloudSession> ConnectAsync(CloudConfig config, RequestLog? log = null, Func<HttpTransportOptions, HttpTransportOptions>? tune = null, IOperationLog? operationLog = null)
    {
        var transport = SessionFactory.TransportFor(config, options =>
        {
            var tuned = options with
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
                WireHandlers = log is null ? [] : [() => new RequestLogHandler(log)],
            };
            return tune is null ? tuned : tune(tuned);
        });
        var session = await SessionFactory.ConnectAsync(config, transport, operationLog ?? NullOperationLog.Instance, CancellationToken.None);
        SessionRegistry.Add(session);
        return session;
    }

    internal static OpenStackSession Model(CloudSession session) => session.ToModel();

    private static void EnsureReachable(Uri authUrl)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(authUrl.Host, authUrl.Port).Wait(TimeSpan.FromSeconds(3)))
            {
                Assert.Fail($"Keystone at {authUrl} does not answer: {StartHint}");
            }
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException socket)
        {
            Assert.Fail($"Keystone at {authUrl} is not reachable ({socket.SocketErrorCode}): {StartHint}");
        }
    }
}
