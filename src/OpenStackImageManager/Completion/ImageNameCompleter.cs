using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Models;
using OpenStackImageManager.Sessions;

namespace OpenStackImageManager.Completion;

/// <summary>
/// Completes image names from the cloud of the command being typed: its -Session, else its -Cloud (the
/// module's session for that resolved cloud, or a new one), else the default session of Connect-OpenStack.
/// The names of one session are kept for 30 seconds. Completion never fails: without a session, or when
/// the cloud does not answer within a few seconds, it offers nothing.
/// </summary>
public sealed class ImageNameCompleter : IArgumentCompleter
{
    private static readonly CompletionCache s_cache = new(TimeSpan.FromSeconds(30));
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return CompletionText.Matching(Names(fakeBoundParameters), wordToComplete).ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A completer that throws leaves the user with file names; offering nothing is the honest answer.
            return [];
        }
    }

    private static IReadOnlyList<string> Names(IDictionary bound)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        var session = SessionOf(bound, timeout.Token);
        if (session is null)
        {
            return [];
        }

        return s_cache.GetOrAdd(session.Handle.ToString(), () =>
        {
            var request = new ImageListRequest { Visibility = "all", IncludeHidden = true };
            var images = ImageOperations.GetAsync(session, request, NullOperationLog.Instance, timeout.Token).GetAwaiter().GetResult();
            return images.Select(i => i.Name).OfType<string>().Where(n => n.Length > 0).ToList();
        });
    }

    private static OpenStackSession? SessionOf(IDictionary bound, CancellationToken cancellationToken)
    {
        if (bound.Contains("Session") && CompletionText.Unwrap(bound["Session"]) is OpenStackSession given)
        {
            return given;
        }

        if (bound.Contains("Cloud") && CompletionText.Unwrap(bound["Cloud"]) is string { Length: > 0 } cloud)
        {
            // The module's session cache, as -Cloud of the command itself would: the same resolved cloud reuses its session.
            var choice = new CloudChoice(CloudSource.Parameter, cloud);
            return ModuleSessionCache.Instance.GetOrConnectAsync(choice, CompletionText.CurrentDirectory(), NullOperationLog.Instance, cancellationToken).GetAwaiter().GetResult();
        }

        return ModuleSessions.Default;
    }
}
