namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>
/// The <see cref="Nth"/> request of <see cref="Kind"/> (1-based) gets <see cref="Fault"/>; Nth 0 means
/// every request of that kind.
/// </summary>
public sealed record FaultRule(RequestKind Kind, int Nth, FaultKind Fault)
{
    public override string ToString() => Nth == 0 ? $"{Fault} on every {Kind}" : $"{Fault} on {Kind} #{Nth}";
}
