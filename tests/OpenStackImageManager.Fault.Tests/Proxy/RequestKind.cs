namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>What a request to Keystone or Glance does; faults and kill triggers are scheduled per kind.</summary>
public enum RequestKind
{
    TokenPost,
    List,
    GetImage,
    Create,
    Stage,
    Upload,
    Import,
    Patch,
    Delete,
    Action,
    Other,
}
