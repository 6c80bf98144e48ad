namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>What a request to Keystone or Glance does; faults and kill triggers are scheduled per kind.</summary>
public enum RequestKind
{
    TokenPost,
    List,

    /// <summary>The import monitor's look at the images in flight: a listing by ids (<c>?id=in:a,b</c>).</summary>
    Watch,
    GetImage,
    Create,
    Stage,
    Upload,
    Import,
    Patch,
    Delete,
    Action,

    /// <summary>A create or PATCH of the tool's catalog lease record (its body names <c>oim_lease</c> keys).</summary>
    Lease,
    Other,
}
