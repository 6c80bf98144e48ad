using System.Management.Automation;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Commands;

/// <summary>Engine failures as PowerShell error records with a real category and the object they concern.</summary>
internal static class ErrorRecords
{
    internal static ErrorRecord From(OpenStackException exception, object? target) =>
        new(exception, "OpenStackImageManager." + exception.Kind, CategoryOf(exception.Kind), target ?? exception.Target)
        {
            ErrorDetails = new ErrorDetails(exception.Message),
        };

    internal static ErrorCategory CategoryOf(OpenStackErrorKind kind) => kind switch
    {
        OpenStackErrorKind.Configuration => ErrorCategory.InvalidData,
        OpenStackErrorKind.Authentication => ErrorCategory.AuthenticationError,
        OpenStackErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        OpenStackErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        OpenStackErrorKind.Conflict => ErrorCategory.ResourceExists,
        OpenStackErrorKind.QuotaExceeded => ErrorCategory.QuotaExceeded,
        OpenStackErrorKind.UnsupportedMediaType => ErrorCategory.InvalidType,
        OpenStackErrorKind.InvalidRequest => ErrorCategory.InvalidArgument,
        OpenStackErrorKind.Protected => ErrorCategory.PermissionDenied,
        OpenStackErrorKind.ServiceUnavailable => ErrorCategory.ResourceUnavailable,
        OpenStackErrorKind.Connection => ErrorCategory.ConnectionError,
        OpenStackErrorKind.Timeout => ErrorCategory.OperationTimeout,
        _ => ErrorCategory.NotSpecified,
    };

    internal static ErrorRecord Usage(string message, string id, object? target) =>
        new(new PSArgumentException(message), "OpenStackImageManager." + id, ErrorCategory.InvalidArgument, target);
}
