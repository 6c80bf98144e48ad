using System.Management.Automation;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// The cloud cmdlets in a real PowerShell 7.6 engine against the local test cloud: the first HTTP
/// client inside the module's private load context (what broke with a second DiagnosticSource), a
/// session object on the pipeline, -WhatIf that changes nothing, and a sync.
/// </summary>
public sealed class HostedCloudTests() : HostedCloudTest("hosted")
{
    [Fact]
    public void Connect_OpenStack_returns_a_session_and_lists_images_through_the_isolated_http_stack()
    {
        var session = Assert.Single(Shell.Run("Connect-OpenStack -Cloud oim-p1 -PassThru"));
        Assert.True(Shell.Errors.Count == 0, string.Join("\n", Shell.Errors));
        Assert.Equal("OpenStackImageManager.Models.OpenStackSession", session.BaseObject.GetType().FullName);
        Assert.Equal("oim-p1", session.Properties["ProjectName"].Value);

        Shell.Run("Get-GlanceImage -Managed | Out-Null");

        Assert.True(Shell.Errors.Count == 0, string.Join("\n", Shell.Errors));
        Shell.Run("Disconnect-OpenStack");
    }

    [Fact]
    public void WhatIf_changes_nothing_and_the_sync_then_creates_the_image()
    {
        var image = Path.Combine(Work, "hosted.raw");
        File.WriteAllBytes(image, new byte[1 << 20]);
        var name = "OIM Hosted " + Tag[^8..];
        WriteDefinition("hosted.yml", name, image);
        var definitions = $"Get-ImageDefinition -Path '{Work}'";

        var plan = Shell.Run($"{definitions} | Compare-GlanceImage -Cloud oim-p1 -Tag '{Tag}'");
        Assert.True(Shell.Errors.Count == 0, string.Join("\n", Shell.Errors));
        Assert.Equal("Create", Assert.Single(plan).Properties["Kind"].Value.ToString());

        Shell.Run($"{definitions} | Sync-GlanceImage -Cloud oim-p1 -Tag '{Tag}' -WhatIf");
        Assert.Empty(Shell.Run($"Get-GlanceImage -Cloud oim-p1 -Managed -ManagedTag '{Tag}'"));

        var results = Shell.Run($"{definitions} | Sync-GlanceImage -Cloud oim-p1 -Tag '{Tag}' -Confirm:$false");
        Assert.True(Shell.Errors.Count == 0, string.Join("\n", Shell.Errors));
        Assert.Equal("Succeeded", Assert.Single(results).Properties["Outcome"].Value.ToString());
        var created = Assert.Single(Shell.Run($"Get-GlanceImage -Cloud oim-p1 -Managed -ManagedTag '{Tag}'"));
        Assert.Equal($"{name} 1", created.Properties["Name"].Value);
        Assert.Equal("active", created.Properties["Status"].Value);

        Assert.Empty(Shell.Run($"{definitions} | Compare-GlanceImage -Cloud oim-p1 -Tag '{Tag}'"));
    }

    [Fact]
    public void A_failed_item_is_a_non_terminating_error_so_the_results_can_still_be_assigned()
    {
        // A single-image change (as Set-GlanceImage makes, so no catalog lease and no plan check) to an image that does not exist: Glance answers 404 for this one item.
        var id = Guid.NewGuid();
        Shell.Run($$"""
            $s = Connect-OpenStack -Cloud oim-p1 -PassThru
            $properties = [System.Collections.Generic.Dictionary[string, string]]::new()
            $properties['oim_x'] = 'y'
            $item = [OpenStackImageManager.Models.ImageChange]@{
                Kind = 'UpdateProperties'; ImageName = 'oim-gone'; ImageId = '{{id}}'; Session = $s; Planner = 'Set'
                Image = [OpenStackImageManager.Models.GlanceImage]@{ Id = '{{id}}'; Name = 'oim-gone' }
                Target = [OpenStackImageManager.Models.ImageTarget]@{ Properties = $properties }
                Description = 'Update properties of oim-gone' }
            """);
        Assert.True(Shell.Errors.Count == 0, string.Join("\n", Shell.Errors));

        var output = Shell.Run("$results = $item | Sync-GlanceImage -Confirm:$false; $results.Outcome.ToString(); 'next statement'");

        // The failed result reached the assignment: the command did not stop the statement at its end.
        Assert.Equal(["Failed", "next statement"], output.Select(o => o.BaseObject.ToString()));
        var itemError = Assert.Single(Shell.Errors, e => e.CategoryInfo.Category == ErrorCategory.ObjectNotFound);
        Assert.Equal("ImageChange", itemError.TargetObject?.GetType().Name);
        Assert.Contains(Shell.Errors, e => e.FullyQualifiedErrorId.StartsWith("OpenStackImageManager.SyncFailed,", StringComparison.Ordinal));
        Shell.Run("Disconnect-OpenStack");
    }

    [Fact]
    public void A_mirror_source_that_cannot_be_mirrored_is_one_error_id_with_one_category()
    {
        // An archive of files: refused when the transfer starts (after the HEAD), not when it is planned.
        var archive = Path.Combine(Work, "files.tar");
        File.WriteAllBytes(archive, new byte[1024]);
        WriteDefinition("archive.yml", $"OIM Archive {Tag}", archive);

        var output = Shell.Run($$"""
            $secret = [securestring]::new(); foreach ($c in $env:OIM_S3_SECRET_KEY.ToCharArray()) { $secret.AppendChar($c) }
            $credential = [pscredential]::new($env:OIM_S3_ACCESS_KEY, $secret)
            Get-ImageDefinition -Path '{{Work}}' |
                Sync-ImageMirror -Endpoint $env:OIM_S3_ENDPOINT -Bucket $env:OIM_S3_BUCKET -Credential $credential -Prefix '{{Tag}}' -KeyTemplate '{prefix}/{version}-{filename}' -Confirm:$false -PassThru
            """);

        Assert.Equal("Failed", Assert.Single(output).Properties["Status"].Value.ToString());
        var error = Assert.Single(Shell.Errors);
        Assert.StartsWith("MirrorDefinitionInvalid,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        // The same ErrorId as a definition refused while planning, so the same category.
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    /// <summary>A valid multi: false definition of one raw version read from <paramref name="source"/> (a file: URL).</summary>
    private void WriteDefinition(string fileName, string name, string source) =>
        File.WriteAllText(Path.Combine(Work, fileName), DefinitionYaml.File(DefinitionYaml.Image(
            name, multi: false, [new DefinitionYaml.Version("1", new Uri(source).AbsoluteUri, "2025-01-01")], DefinitionYaml.Minimal)));
}
