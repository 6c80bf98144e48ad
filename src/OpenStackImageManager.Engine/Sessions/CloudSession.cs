using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Engine.Identity;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sessions;

/// <summary>
/// The engine side of an <see cref="OpenStackSession"/>: configuration, HTTP stack, token and the
/// service clients of one cloud. Lives until Disconnect-OpenStack (or the process) ends it.
/// </summary>
internal sealed class CloudSession : IDisposable
{
    internal CloudSession(CloudConfig cloud, OpenStackHttp http, HttpClient client, KeystoneAuthenticator authenticator, TokenManager tokens)
    {
        Config = cloud;
        Http = http;
        Client = client;
        Authenticator = authenticator;
        Tokens = tokens;
        Identity = new IdentityClient(client, authenticator.IdentityUrl);
    }

    public Guid Handle { get; } = Guid.NewGuid();

    public CloudConfig Config { get; }

    public OpenStackHttp Http { get; }

    /// <summary>Authenticated client (adds and renews the token).</summary>
    public HttpClient Client { get; }

    public KeystoneAuthenticator Authenticator { get; }

    public TokenManager Tokens { get; }

    public IdentityClient Identity { get; }

    public GlanceClient Glance { get; internal set; } = null!;

    public KeystoneToken Token => Tokens.Current ?? throw new InvalidOperationException("the session has no token yet");

    public OpenStackSession ToModel()
    {
        var token = Token;
        return new OpenStackSession(Handle, Config.Name)
        {
            ConfigFile = Config.SourceFile,
            Region = Config.RegionName,
            Interface = Config.Interface,
            AuthType = Config.AuthType,
            AuthUrl = Config.AuthUrl,
            ImageEndpoint = Glance.BaseUrl,
            UserId = token.UserId,
            UserName = token.UserName,
            ProjectId = token.ProjectId,
            ProjectName = token.ProjectName,
            DomainId = token.DomainId ?? token.ProjectDomainId,
            Roles = token.Roles,
            TokenExpiresAt = token.ExpiresAt,
        };
    }

    public void Dispose()
    {
        Client.Dispose();
        Tokens.Dispose();
        Http.Dispose();
    }
}
