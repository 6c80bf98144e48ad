namespace OpenStackImageManager.HelpCompiler;

/// <summary>One RELATED LINKS entry; Uri is empty for another page of this module.</summary>
internal sealed record RelatedLink(string Text, string Uri);
