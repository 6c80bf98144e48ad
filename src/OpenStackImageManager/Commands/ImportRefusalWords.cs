using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Sync;

namespace OpenStackImageManager.Commands;

/// <summary>
/// An import the plan refused (<see cref="ImportRefusedException"/>: nothing was created) told in the
/// cmdlets' own parameters, -ImportMethod and -ChecksumPolicy.
/// </summary>
internal static class ImportRefusalWords
{
    internal static ImportOptionNames Names { get; } = new("-ImportMethod Auto or GlanceDirect", "-ImportMethod Auto", "-ChecksumPolicy BestEffort");

    /// <summary>Planning whose refusal, if any, names the cmdlets' parameters.</summary>
    internal static async Task<T> Plan<T>(Task<T> planning)
    {
        try
        {
            return await planning.ConfigureAwait(false);
        }
        catch (ImportRefusedException refused)
        {
            throw new OpenStackException(refused.Kind, ImportRefusedException.MessageOf(refused.Refusals, Names), refused) { Target = refused.Target };
        }
    }
}
