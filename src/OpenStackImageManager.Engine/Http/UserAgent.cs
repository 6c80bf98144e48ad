using System.Reflection;

namespace OpenStackImageManager.Engine.Http;

internal static class UserAgent
{
    /// <summary>"OpenStackImageManager/0.1.0 (.NET 10.0.x)": tells cloud operators who is calling.</summary>
    internal static readonly string Value = Build();

    private static string Build()
    {
        var assembly = typeof(UserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            version = version[..plus];
        }

        return $"OpenStackImageManager/{version} (.NET {Environment.Version})";
    }
}
