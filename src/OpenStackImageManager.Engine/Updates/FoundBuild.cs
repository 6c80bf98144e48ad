using OpenStackImageManager.Models;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>The newest build a source names: its version, date, own URL, checksum and what was read to find it.</summary>
internal sealed record FoundBuild(string Version, DateOnly BuildDate, string Url, ImageChecksum Checksum, string FoundVia);
