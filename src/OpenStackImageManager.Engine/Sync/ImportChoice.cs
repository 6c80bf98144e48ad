using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>What <see cref="ImportMethods.Choose"/> decided for one new image: a method, or why none can succeed.</summary>
internal sealed record ImportChoice(ImportMethod? Method, ImportRefusal? Refusal);
