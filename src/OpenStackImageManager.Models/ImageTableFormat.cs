namespace OpenStackImageManager.Models;

/// <summary>Text format of the catalog table (name, login user, password).</summary>
public enum ImageTableFormat
{
    /// <summary>reStructuredText simple table, as the Python tool's <c>table</c> script prints it.</summary>
    Rst,

    /// <summary>GitHub-flavoured Markdown pipe table.</summary>
    Markdown,
}
