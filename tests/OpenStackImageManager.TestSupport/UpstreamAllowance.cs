namespace OpenStackImageManager.TestSupport;

/// <summary>
/// The tests' upstream servers listen on 127.0.0.1, which the fetch policy refuses unless the user allows
/// the host. Each server allows exactly its own <c>127.0.0.1:port</c> the way a user allows a lab mirror:
/// in OIM_UPSTREAM_ALLOWED_HOSTS, which the engine reads and the command-line processes a test starts
/// inherit. Nothing else on loopback (Keystone, Glance, a redirect target) becomes readable.
/// </summary>
public static class UpstreamAllowance
{
    public const string Variable = "OIM_UPSTREAM_ALLOWED_HOSTS";

    private static readonly object s_gate = new();

    public static void Allow(int port)
    {
        lock (s_gate)
        {
            var current = Environment.GetEnvironmentVariable(Variable);
            var entry = $"127.0.0.1:{port}";
            if (current is null || !current.Split(',').Contains(entry))
            {
                Environment.SetEnvironmentVariable(Variable, string.IsNullOrEmpty(current) ? entry : current + "," + entry);
            }
        }
    }
}
