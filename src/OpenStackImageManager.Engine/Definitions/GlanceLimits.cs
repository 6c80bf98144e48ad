namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// What Glance accepts, so a definition beyond it is an error at its position instead of a 400 or a
/// 500 on every run: the image schema's <c>maxLength</c> of <c>name</c> and of each tag, Glance's
/// refusal of longer property keys ("Custom property should not be greater than 255 characters"),
/// and its database column for property values (MySQL <c>TEXT</c>; a longer value is a 500).
/// </summary>
internal static class GlanceLimits
{
    public const int NameLength = 255;

    public const int TagLength = 255;

    public const int PropertyKeyLength = 255;

    public const int PropertyValueBytes = 65_535;

    public static int Utf8Bytes(string text) => System.Text.Encoding.UTF8.GetByteCount(text);
}
