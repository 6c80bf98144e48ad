using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Rotation;

/// <summary>
/// A cloud in memory for rotation tests: definitions built as the loader builds them, images as
/// Glance lists them, and plan items applied the way the executor applies them, so a test can run
/// rotation after rotation and look at the state image by image.
/// </summary>
internal sealed class RotationWorld
{
    public const string Tag = "managed_by_osism";
    public static readonly OpenStackSession Session = new(Guid.NewGuid(), "test");
    public static readonly DateOnly Today = new(2026, 11, 25);

    private readonly List<GlanceImage> _images = [];
    private int _next;

    public IReadOnlyList<GlanceImage> Images => _images;

    public static ImageDefinition Definition(
        string name, bool multi, IEnumerable<string> versions, string? validity = "last-3", bool keep = false, string separator = " ",
        string visibility = "public", IReadOnlyDictionary<string, string>? meta = null)
    {
        var labels = versions.ToArray();
        var order = ImageNaming.NaturalOrder(labels);
        var properties = new Dictionary<string, string>(meta ?? new Dictionary<string, string>()) { ["architecture"] = "x86_64" };
        if (validity is not null)
        {
            properties[UuidValidity.Key] = validity;
        }

        return new ImageDefinition
        {
            Name = name,
            Format = "qcow2",
            Login = "ubuntu",
            Multi = multi,
            Keep = keep,
            Status = "active",
            Visibility = visibility,
            Separator = separator,
            Meta = properties,
            SourceFile = "test.yml",
            Versions = order.Select((index, position) => new ImageVersion
            {
                Version = labels[index],
                DefinitionName = name,
                Url = $"https://example.com/{labels[index]}.img",
                GlanceName = ImageNaming.GlanceName(name, separator, multi, labels[index], position == order.Length - 1),
                IsCurrent = position == order.Length - 1,
            }).ToArray(),
        };
    }

    /// <summary>An image of <paramref name="version"/> as a sync creates it (named as the YAML names that version now).</summary>
    public GlanceImage Add(ImageDefinition definition, string version, string? name = null, Func<GlanceImage, GlanceImage>? adjust = null)
    {
        var image = new GlanceImage
        {
            Id = $"id-{++_next:D3}-{version}",
            Name = name ?? definition.Versions.FirstOrDefault(v => v.Version == version)?.GlanceName ?? definition.Name,
            Status = "active",
            Visibility = definition.Visibility,
            Tags = [Tag],
            Properties = new Dictionary<string, string>
            {
                [DesiredImage.ImageName] = definition.Name,
                [DesiredImage.ImageDescription] = definition.Name,
                [DesiredImage.InternalVersion] = version,
            },
            CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(_next),
        };
        image = adjust?.Invoke(image) ?? image;
        _images.Add(image);
        return image;
    }

    public GlanceImage Get(string id) => _images.Single(i => i.Id == id);

    public RotationPlan Plan(IReadOnlyList<ImageDefinition> definitions, ImageRotationOptions? options = null, IReadOnlyList<ImageChange>? planned = null, bool hadErrors = false, DateOnly? today = null) =>
        RotationPolicy.Plan(new RotationInput
        {
            Session = Session,
            Definitions = definitions,
            Inventory = new ImageInventory(_images, definitions),
            Options = options ?? new ImageRotationOptions(),
            Planned = planned ?? [],
            Today = today ?? Today,
            HadErrors = hadErrors,
        });

    /// <summary>Plans and applies; returns the plan.</summary>
    public RotationPlan Rotate(IReadOnlyList<ImageDefinition> definitions, ImageRotationOptions? options = null)
    {
        var plan = Plan(definitions, options);
        Apply(plan.Items);
        return plan;
    }

    /// <summary>What the executor does with each kind (see docs/plan-model.md).</summary>
    public void Apply(IEnumerable<ImageChange> items)
    {
        foreach (var item in items)
        {
            var index = _images.FindIndex(i => i.Id == item.ImageId);
            Assert.True(index >= 0, $"no image {item.ImageId} for {item.Description}");
            var image = _images[index];
            var target = item.Target;
            switch (item.Kind)
            {
                case ImageChangeKind.Delete:
                    Assert.False(image.Protected, "a protected image was planned for deletion");
                    _images.RemoveAt(index);
                    continue;
                case ImageChangeKind.Rename:
                    image = image with { Name = target.Name! };
                    break;
                case ImageChangeKind.SetVisibility:
                    image = image with { Visibility = target.Visibility! };
                    break;
                case ImageChangeKind.SetHidden:
                    image = image with { Hidden = target.Hidden!.Value };
                    break;
                case ImageChangeKind.Deactivate:
                    image = image with { Status = "deactivated" };
                    break;
                case ImageChangeKind.Reactivate:
                    image = image with { Status = "active" };
                    break;
                case ImageChangeKind.UpdateProperties:
                    var properties = new Dictionary<string, string>(image.Properties);
                    foreach (var key in target.RemovedProperties)
                    {
                        properties.Remove(key);
                    }

                    foreach (var (key, value) in target.Properties)
                    {
                        properties[key] = value;
                    }

                    image = image with { Properties = properties };
                    break;
                default:
                    throw new InvalidOperationException($"rotation planned {item.Kind}");
            }

            _images[index] = image;
        }
    }

    /// <summary>The state as "name|visibility|hidden|status" lines, oldest image first.</summary>
    public string[] State() => _images.OrderBy(i => i.Id, StringComparer.Ordinal)
        .Select(i => $"{i.Name}|{i.Visibility}|{(i.Hidden ? "hidden" : "shown")}|{i.Status}")
        .ToArray();

    public static string[] Kinds(RotationPlan plan, string imageId) =>
        plan.Items.Where(i => i.ImageId == imageId).Select(i => i.Kind.ToString()).ToArray();
}
