namespace OpenStackImageManager.Engine.Updates.Editing;

/// <summary>A definition file cannot be edited as asked (the definition is missing, a value is not where a text edit can reach it, the result does not load).</summary>
public sealed class CatalogEditException : Exception
{
    public CatalogEditException()
    {
    }

    public CatalogEditException(string message)
        : base(message)
    {
    }

    public CatalogEditException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
