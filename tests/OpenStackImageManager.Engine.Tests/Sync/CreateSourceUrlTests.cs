using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>A Create item names its source in -WhatIf and in its SourceUrl: never with a signature or user info.</summary>
public sealed class CreateSourceUrlTests
{
    [Fact]
    public void A_presigned_mirror_url_is_shown_without_its_query_and_user_info()
    {
        var baseVersion = Version("Ubuntu 24.04", "20240603");
        var version = new ImageVersion
        {
            DefinitionName = baseVersion.DefinitionName,
            Version = baseVersion.Version,
            Url = baseVersion.Url,
            MirrorUrl = "https://user:p4ssword@s3.example/images/ubuntu.qcow2?X-Amz-Signature=sig-secret&X-Amz-Expires=60",
            BuildDate = baseVersion.BuildDate,
            GlanceName = baseVersion.GlanceName,
        };
        var definition = Definition("Ubuntu 24.04");
        definition = Copy(definition, versions: [version]);

        var create = Assert.Single(Plan([definition], []), c => c.Kind == ImageChangeKind.Create);

        foreach (var text in new[] { create.Description, create.SourceUrl! })
        {
            Assert.DoesNotContain("sig-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("p4ssword", text, StringComparison.Ordinal);
        }

        Assert.StartsWith("https://s3.example/images/ubuntu.qcow2", create.SourceUrl, StringComparison.Ordinal);
    }
}
