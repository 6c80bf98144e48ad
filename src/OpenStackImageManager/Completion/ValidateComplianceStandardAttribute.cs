using System.Management.Automation;

namespace OpenStackImageManager.Completion;

/// <summary>
/// -Standard accepts the standards the engine knows (a ValidateSet needs its values at compile time,
/// and the engine's list is the one place a standard is added).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ValidateComplianceStandardAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var names = ComplianceStandardCompleter.Names();
        foreach (var value in LanguagePrimitives.GetEnumerable(arguments)?.Cast<object>() ?? [arguments])
        {
            var name = value?.ToString();
            if (name is null || !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ValidationMetadataException($"'{name}' is not a standard this module checks; use one of: {string.Join(", ", names)}.");
            }
        }
    }
}
