using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>A result and, when it failed, the engine error the front end turns into an error record.</summary>
public sealed record ExecutedChange(ImageSyncResult Result, OpenStackException? Error);
