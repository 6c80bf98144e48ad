using OpenStackImageManager.Engine.Leases;

namespace OpenStackImageManager.Engine.Tests.Leases;

public class LeaseIdsTests
{
    [Fact]
    public void LeaseIdsAreVersion5UuidsSoEveryRunComputesTheSameIdForAnEpoch()
    {
        // The RFC's DNS namespace and "python.org": Python's uuid.uuid5 gives 886313e1-3b8a-5372-9b90-0c9aee199e5d.
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), LeaseIds.Version5(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"));

        Assert.Equal(LeaseIds.For("p1", "managed_by_osism", 7), LeaseIds.For("p1", "managed_by_osism", 7));
        Assert.NotEqual(LeaseIds.For("p1", "managed_by_osism", 7), LeaseIds.For("p1", "managed_by_osism", 8));
        Assert.NotEqual(LeaseIds.For("p1", "managed_by_osism", 7), LeaseIds.For("p2", "managed_by_osism", 7));
        Assert.NotEqual(LeaseIds.For("p1", "managed_by_osism", 7), LeaseIds.For("p1", "other", 7));
    }
}
