using System.Collections;
using System.Globalization;
using System.Management.Automation;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Operations;
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
        ImageUpdatePlan plan;
        try
        {
            plan = ImageOperations.Plan(image, BuildChange());
        }
        catch (OpenStackException ex)
        {
            WriteError(ErrorRecords.From(ex, image));
            return;
        }

        if (plan.IsEmpty)
        {
            this.WriteVerboseLine($"{Describe(image)} already matches; nothing to change.");
            if (PassThru)
            {
                WriteObject(image);
            }

            return;
        }

        if (!ShouldProcess(Describe(image), "Update: " + string.Join("; ", plan.Describe())))
        {
            return;
        }

        var updated = TryEngine((log, token) => ImageOperations.ApplyAsync(session, plan, log, token), image);
        if (updated is not null && PassThru)
        {
            WriteObject(updated);
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
