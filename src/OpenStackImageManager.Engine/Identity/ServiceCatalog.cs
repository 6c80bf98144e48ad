using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Identity;

internal static class ServiceCatalog
{
    /// <summary>
    /// The endpoint of <paramref name="serviceType"/> for the cloud's interface and region. Without a
    /// configured region, the only region the service has is taken; several regions need a choice.
    /// </summary>
    internal static Uri FindEndpoint(IReadOnlyList<CatalogEndpoint> catalog, string serviceType, CloudConfig cloud)
    {
        var ofType = catalog.Where(e => string.Equals(e.ServiceType, serviceType, StringComparison.OrdinalIgnoreCase)).ToList();
        if (ofType.Count == 0)
        {
            var types = string.Join(", ", catalog.Select(e => e.ServiceType).Distinct(StringComparer.OrdinalIgnoreCase));
            throw new CloudConfigException(
                $"{cloud.Origin}: the service catalog has no '{serviceType}' service (it has: {(types.Length == 0 ? "nothing" : types)})")
            { Target = cloud.Name };
        }

        var onInterface = ofType.Where(e => string.Equals(e.Interface, cloud.Interface, StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = cloud.RegionName is { } region
            ? onInterface.Where(e => string.Equals(e.Region, region, StringComparison.OrdinalIgnoreCase)).ToList()
            : onInterface;
        var regions = candidates.Select(e => e.Region).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (candidates.Count == 0 || regions.Count > 1)
        {
            var available = string.Join(", ", ofType.Select(e => $"{e.Interface}@{e.Region ?? "(no region)"}").Distinct());
            var problem = candidates.Count == 0
                ? $"no '{serviceType}' endpoint for interface '{cloud.Interface}'{(cloud.RegionName is null ? string.Empty : $" in region '{cloud.RegionName}'")}"
                : $"the '{serviceType}' service is in several regions; set region_name (or -Region)";
            throw new CloudConfigException($"{cloud.Origin}: {problem} (available: {available})") { Target = cloud.Name };
        }

        return candidates[0].Url;
    }
}
