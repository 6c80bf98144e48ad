namespace OpenStackImageManager.Engine.Sync;

/// <summary>One request to an existing image, in the order <see cref="ImageWrites.Order"/> runs them.</summary>
internal enum ImageWriteStep
{
    Deactivate,
    Patch,
    Reactivate,
    Delete,
}
