using Amazon.Runtime;
using Amazon.S3;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>Turns SDK failures into one line that says what was tried, the status, the service's message and request id.</summary>
internal static class S3Errors
{
    public static (MirrorFailure Failure, string Message) Describe(Exception e, string operation, S3Settings settings, string key)
    {
        var target = $"S3 {operation} {settings.Bucket}/{key} at {settings.Endpoint}";
        var (failure, message) = e switch
        {
            AmazonServiceException { StatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden } s =>
                (MirrorFailure.AccessDenied, $"{target} was refused: {(int)s.StatusCode} {s.ErrorCode}: {s.Message} (request id {s.RequestId})"),
            AmazonServiceException s =>
                (MirrorFailure.StorageError, $"{target} failed: {(int)s.StatusCode} {s.ErrorCode}: {s.Message} (request id {s.RequestId})"),
            _ => (MirrorFailure.StorageError, $"{target} failed: {e.Message}"),
        };
        return (failure, settings.Credentials.Redact(message));
    }

    public static bool IsNotFound(Exception e) =>
        e is AmazonS3Exception { StatusCode: System.Net.HttpStatusCode.NotFound };
}
