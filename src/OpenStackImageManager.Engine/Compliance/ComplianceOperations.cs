using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>The work behind Test-GlanceImageCompliance and <c>check-scs</c>: list as a member, then judge.</summary>
public static class ComplianceOperations
{
    /// <summary>The project's view of the cloud's images, scoped as the conformance test scopes them.</summary>
    public static async Task<IReadOnlyList<GlanceImage>> ListAsync(OpenStackSession session, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var live = SessionRegistry.Resolve(session);
        // Glance's default listing, with every membership status (openstacksdk's show_all), as the test asks.
        var query = new ImageQuery { MemberStatus = "all" };
        var images = new List<GlanceImage>();
        await foreach (var image in live.Glance.WithLog(log).ListImagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (ComplianceScope.Includes(image, live.Token.ProjectId))
            {
                images.Add(image);
            }
        }

        log.Verbose($"{images.Count} public or own community image(s) in {session.Cloud} to check.");
        return images;
    }

    /// <summary>Every finding of <paramref name="standards"/> about <paramref name="images"/>, standard by standard.</summary>
    public static IReadOnlyList<ComplianceResult> Judge(IReadOnlyList<GlanceImage> images, IEnumerable<string>? standards, DateTimeOffset now) =>
        ComplianceStandards.Resolve(standards).SelectMany(s => s.Judge(images, now)).ToArray();
}
