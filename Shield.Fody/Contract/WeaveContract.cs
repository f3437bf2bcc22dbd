namespace Shield.Fody.Contract;

/// <summary>
/// The names that tie woven code to the Shield runtime (Shield.Fody.Attributes): the types and methods woven IL calls,
/// the markers a weave leaves with the positions of their constructor arguments, and the type a weave generates.
/// Code woven by one version runs on the runtime of a later one, so a runtime may add to these names but never rename
/// or remove one. This one file is linked into every project that writes or reads woven code, and
/// Tests/Contract/WeaveContractTests checks each name against the built runtime.
/// </summary>
internal static class WeaveContract
{
    /// <summary>The assembly woven code references.</summary>
    public const string RuntimeAssembly = "Shield.Fody.Attributes";

    /// <summary>The namespace of every runtime type named here.</summary>
    public const string Namespace = "Shield";

    /// <summary>The type a weave adds to the module: one <c>ShieldedOperation</c> per woven method, in static fields.</summary>
    public const string OperationsType = "<Shield>Operations";

    /// <summary>
    /// How the methods a weave adds to hold one shielded call each begin (<c>&lt;Shield&gt;Call|caller|N</c>): the call is
    /// listed under the method that calls them.
    /// </summary>
    public const string IsolatedCallPrefix = "<Shield>Call|";

    /// <summary>Whether a method of this name was added by a weave to hold one shielded call (<see cref="IsolatedCallPrefix"/>).</summary>
    public static bool IsIsolatedCall(string methodName) => methodName.StartsWith(IsolatedCallPrefix, global::System.StringComparison.Ordinal);

    /// <summary>True when an assembly carrying attributes of these types (full names) was woven already.</summary>
    public static bool IsWoven(global::System.Collections.Generic.IEnumerable<string> assemblyAttributeTypes)
    {
        foreach (var type in assemblyAttributeTypes)
        {
            if (type == WovenMarker.FullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>[Shield]</c>, which users write; the weaver and the analyzer read it by name.</summary>
    public static class ShieldAttribute
    {
        public const string Name = "ShieldAttribute";
        public const string FullName = Namespace + "." + Name;

        /// <summary>The named property that sets a deadline.</summary>
        public const string TimeoutMilliseconds = nameof(TimeoutMilliseconds);
    }

    /// <summary><c>ShieldRuntime</c>, whose static methods woven code calls.</summary>
    public static class Runtime
    {
        public const string Name = "ShieldRuntime";
        public const string FullName = Namespace + "." + Name;

        public const string StartDeadline = nameof(StartDeadline);
        public const string BodyToken = nameof(BodyToken);
        public const string CallerToken = nameof(CallerToken);
        public const string CallerTokens = nameof(CallerTokens);
        public const string Suspending = nameof(Suspending);
        public const string Started = nameof(Started);
        public const string Returned = nameof(Returned);
        public const string Finishing = nameof(Finishing);
        public const string Finished = nameof(Finished);
        public const string Completing = nameof(Completing);
        public const string Completed = nameof(Completed);
        public const string Faulting = nameof(Faulting);
        public const string Faulted = nameof(Faulted);
        public const string StartSpan = nameof(StartSpan);
        public const string Threw = nameof(Threw);
    }

    /// <summary><c>ShieldedOperation</c>, constructed once per woven method as <c>(name, timeoutMilliseconds)</c>.</summary>
    public static class Operation
    {
        public const string Name = "ShieldedOperation";
        public const string FullName = Namespace + "." + Name;
    }

    /// <summary><c>ShieldCallerTokens</c>, the value type that carries the caller's tokens to the runtime.</summary>
    public static class CallerTokens
    {
        public const string Name = "ShieldCallerTokens";
        public const string FullName = Namespace + "." + Name;
    }

    /// <summary><c>ShieldSpan</c>, the class that carries a traced call's Activity from <c>StartSpan</c> to the hand-over.</summary>
    public static class Span
    {
        public const string Name = "ShieldSpan";
        public const string FullName = Namespace + "." + Name;
    }

    /// <summary><c>ShieldedBody</c>, the value type whose trailing parameter marks a split-off runtime-async body.</summary>
    public static class BodyMarker
    {
        public const string Name = "ShieldedBody";
        public const string FullName = Namespace + "." + Name;
    }

    /// <summary><c>[assembly: ShieldWoven(weaverVersion)]</c>, left on a woven assembly.</summary>
    public static class WovenMarker
    {
        public const string Name = "ShieldWovenAttribute";
        public const string FullName = Namespace + "." + Name;

        public const int WeaverVersion = 0;
    }

    /// <summary><c>[ShieldedMethod(operation, selectedBy, timeoutMilliseconds)]</c>, left on each woven method.</summary>
    public static class MethodMarker
    {
        public const string Name = "ShieldedMethodAttribute";
        public const string FullName = Namespace + "." + Name;

        public const int Operation = 0;
        public const int SelectedBy = 1;
        public const int TimeoutMilliseconds = 2;
    }
}
