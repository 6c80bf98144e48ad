namespace OpenStackImageManager.Models;

/// <summary>A declared checksum, <c>algorithm:hex</c> in the YAML (for example <c>sha256:0f7f…</c>).</summary>
public sealed record ImageChecksum(string Algorithm, string Value)
{
    public override string ToString() => $"{Algorithm}:{Value}";
}
