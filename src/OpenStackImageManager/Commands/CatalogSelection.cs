namespace OpenStackImageManager.Commands;

/// <summary>
/// What one catalog read by Get-ImageDefinition left out: definitions with <c>enable: false</c> and
/// definitions a -Name or -Filter did not match. Shared by every definition that read wrote.
/// </summary>
internal sealed record CatalogSelection(int Disabled, int FilteredOut);
