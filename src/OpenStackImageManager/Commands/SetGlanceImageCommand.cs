using System.Collections;
using System.Globalization;
using System.Management.Automation;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Changes an image with one JSON-patch request (plus the deactivate/reactivate call when the status changes).</summary>
[Cmdlet(VerbsCommon.Set, "GlanceImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(GlanceImage))]
public sealed class SetGlanceImageCommand : ImageTargetCmdlet
{
    /// <summary>The image's new name (-Name selects images, as on Get- and Remove-GlanceImage).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Property { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] RemoveProperty { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Tag { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] RemoveTag { get; set; } = [];

    [Parameter]
    [ValidateSet("Public", "Private", "Shared", "Community")]
    public string? Visibility { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MinDisk { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MinRam { get; set; }

    [Parameter]
    public SwitchParameter Protected { get; set; }

    [Parameter]
    public SwitchParameter Hidden { get; set; }

    [Parameter]
    [ValidateSet("Active", "Deactivated")]
    public string? Status { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var session = ResolveSession();
        if (session is null)
        {
            return;
        }

        foreach (var image in CurrentImages(session))
        {
            Update(session, image);
        }
    }

    private void Update(OpenStackSession session, GlanceImage image)
    {
        IReadOnlyList<ImageChange> plan;
        try
        {
            plan = ImageOperations.Plan(session, image, BuildChange());
        }
        catch (OpenStackException ex)
        {
            WriteError(ErrorRecords.From(ex, image));
            return;
        }

        if (plan.Count == 0)
        {
            this.WriteVerboseLine($"{Describe(image)} already matches; nothing to change.");
            if (PassThru)
            {
                WriteObject(image);
            }

            return;
        }

        // The same items, questions and executor as Sync-GlanceImage: one question per change, one PATCH per image.
        var approved = PlanApproval.Approve(this, plan, "Set-GlanceImage", force: false).Approved;
        if (approved.Count == 0)
        {
            return;
        }

        var executed = TryEngine((log, token) => SyncOperations.ApplyAsync(approved, session, new ExecutionOptions { ThrottleLimit = 1 }, log, token), image) ?? [];
        foreach (var failed in executed.Where(e => e.Error is not null).Select(e => e.Error!).Distinct())
        {
            WriteError(ErrorRecords.From(failed, image));
        }

        if (PassThru && executed.Count > 0 && executed.All(e => e.Error is null))
        {
            WriteObject(executed.Select(e => e.Result.Image).OfType<GlanceImage>().LastOrDefault() ?? image);
        }
    }

    private ImageChangeRequest BuildChange()
    {
        var bound = MyInvocation.BoundParameters;
        return new ImageChangeRequest
        {
            Name = NewName,
            Properties = ToStrings(Property),
            RemoveProperties = RemoveProperty.Concat(NullValued(Property)).ToArray(),
            Tags = Tag,
            RemoveTags = RemoveTag,
            Visibility = Visibility,
            MinDisk = bound.ContainsKey(nameof(MinDisk)) ? MinDisk : null,
            MinRam = bound.ContainsKey(nameof(MinRam)) ? MinRam : null,
            Protected = bound.ContainsKey(nameof(Protected)) ? Protected.IsPresent : null,
            Hidden = bound.ContainsKey(nameof(Hidden)) ? Hidden.IsPresent : null,
            Status = Status?.ToLowerInvariant(),
        };
    }

    /// <summary>Values as Glance and Nova read them: booleans lower case, numbers invariant; $null means remove.</summary>
    private static Dictionary<string, string> ToStrings(Hashtable? table)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in table)
        {
            var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            if (value is null)
            {
                continue;
            }

            result[entry.Key.ToString()!] = value switch
            {
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
        }

        return result;
    }

    private static IEnumerable<string> NullValued(Hashtable? table) =>
        table is null ? [] : table.Cast<DictionaryEntry>().Where(e => e.Value is null).Select(e => e.Key.ToString()!);
}
