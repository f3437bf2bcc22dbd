using System;

namespace Shield.Inspect;

/// <summary>Why shield-inspect cannot do what it was asked; the message is written as is, and the process exits with <see cref="ExitCode"/>.</summary>
public sealed class InspectFailure(string message, int exitCode) : Exception(message)
{
    /// <summary>The arguments do not make a command.</summary>
    public const int UsageError = 2;

    /// <summary>The assembly cannot be inspected, or has no such shielded method.</summary>
    public const int CannotInspect = 1;

    public int ExitCode { get; } = exitCode;

    public static InspectFailure Usage(string message) => new(message, UsageError);

    public static InspectFailure Input(string message) => new(message, CannotInspect);
}
