namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>The ways a cloud can be wrong after a run; the figures count them by kind.</summary>
public enum ViolationKind
{
    Duplicate,
    Leftover,
    Missing,
    WrongDelete,
    WrongName,
    WrongProperties,
    WrongBytes,
    WrongVisibility,
    WrongStatus,
    UnverifiedVisible,
    BareName,
    PlanNotEmpty,
    ExitCode,
    SecretInOutput,
    FetchedInternal,
    KillPointNotReached,
}

public sealed record Violation(ViolationKind Kind, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}";
}
