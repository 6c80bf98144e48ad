using System.Management.Automation;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// The approve-then-apply step that Sync-GlanceImage and Invoke-ImageRotation share, seen without a
/// cloud: plan items built in PowerShell and piped to Sync-GlanceImage.
/// </summary>
public sealed class HostedPlanApprovalTests : IDisposable
{
    private const string Item = "[OpenStackImageManager.Models.ImageChange]@{{ Kind = '{0}'; ImageName = 'Img'; ImageId = '{1}'; Description = '{0} image Img'; Session = $s; " +
        "Image = [OpenStackImageManager.Models.GlanceImage]@{{ Id = '{1}'; Name = 'Img'; Status = 'deactivated' }} }}";

    private readonly HostedPowerShell _shell = new();

    public HostedPlanApprovalTests()
    {
        // A session object the engine does not know: any request through it fails with a clean error.
        _shell.Run("$s = [OpenStackImageManager.Models.OpenStackSession]::new([guid]::NewGuid(), 'nowhere')");
    }

    public void Dispose() => _shell.Dispose();

    private static string Change(string kind) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Item, kind, Guid.NewGuid());

    [Fact]
    public void NoChange_and_Orphaned_items_are_written_as_Skipped_results_without_a_question_or_a_request()
    {
        var results = _shell.Run($"{Change("NoChange")}, {Change("Orphaned")} | Sync-GlanceImage -Confirm:$false");

        Assert.True(_shell.Errors.Count == 0, string.Join("\n", _shell.Errors));
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("Skipped", r.Properties["Outcome"].Value.ToString()));
        Assert.Equal(["NoChange image Img", "Orphaned image Img"], results.Select(r => (string)r.Properties["Message"].Value));
    }

    [Fact]
    public void WhatIf_declines_every_change_so_nothing_is_sent()
    {
        // Through the unknown session any request would be an error: -WhatIf must not reach the engine.
        var results = _shell.Run($"{Change("UpdateTags")}, {Change("Delete")} | Sync-GlanceImage -WhatIf");

        Assert.True(_shell.Errors.Count == 0, string.Join("\n", _shell.Errors));
        Assert.Empty(results);
    }

    [Fact]
    public void A_Delete_asks_ShouldContinue_which_a_runspace_without_a_host_cannot_answer_so_nothing_is_sent()
    {
        var threw = Record.Exception(() => _shell.Run($"{Change("Delete")} | Sync-GlanceImage -Confirm:$false"));

        // The question failed (no host UI): either a terminating exception or an error record, but not the
        // engine's "session ... was disconnected", which would mean the delete was sent on.
        Assert.True(threw is not null || _shell.Errors.Count > 0);
        Assert.DoesNotContain(_shell.Errors, e => e.Exception.Message.Contains("disconnected", StringComparison.Ordinal));
    }

    [Fact]
    public void Force_lets_a_Delete_through_without_ShouldContinue_for_unattended_runs()
    {
        _shell.Run($"{Change("Delete")} | Sync-GlanceImage -Force -Confirm:$false");

        // Approved and handed to the engine, which refuses the unknown session before taking the catalog lease:
        // one clean error record, nothing sent.
        var error = Assert.Single(_shell.Errors);
        Assert.Contains("disconnected", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }
}
