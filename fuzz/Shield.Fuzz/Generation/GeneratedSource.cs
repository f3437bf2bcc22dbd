namespace Shield.Fuzz.Generation;

/// <summary>The C# files a batch is compiled from: one shared prelude, and one file per generated method.</summary>
public static class GeneratedSource
{
    const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;
        using Shield.Fuzz.Body;

        """;

    /// <summary>
    /// Types the generated methods share: an IAsyncDisposable whose disposal is a step and a pause, an async
    /// iterator whose items are pauses, and an awaitable whose awaiter only implements INotifyCompletion (so the
    /// compiler suspends through AwaitOnCompleted rather than AwaitUnsafeOnCompleted).
    /// </summary>
    public const string Prelude = Usings + """
        namespace Fuzz
        {
            public sealed class AsyncScope : IAsyncDisposable
            {
                readonly StepLog _log;
                readonly string _name;
                readonly CancellationToken _token;

                public AsyncScope(StepLog log, string name, CancellationToken token)
                {
                    _log = log;
                    _name = name;
                    _token = token;
                }

                public async ValueTask DisposeAsync()
                {
                    _log.Step("dispose " + _name);
                    await _log.Pause(_token);
                }
            }

            public static class AsyncSource
            {
                public static async IAsyncEnumerable<int> Items(StepLog log, int count, [EnumeratorCancellation] CancellationToken token = default)
                {
                    for (var i = 1; i <= count; i++)
                    {
                        await log.Pause(token);
                        log.Step("item " + i);
                        yield return i;
                    }
                }
            }

            public readonly struct StepAwaitable
            {
                readonly Task<int> _task;

                public StepAwaitable(Task<int> task) => _task = task;

                public Awaiter GetAwaiter() => new Awaiter(_task);

                public readonly struct Awaiter : INotifyCompletion
                {
                    readonly Task<int> _task;

                    public Awaiter(Task<int> task) => _task = task;

                    public bool IsCompleted => _task.IsCompleted;

                    public int GetResult() => _task.GetAwaiter().GetResult();

                    public void OnCompleted(Action continuation) => _task.ConfigureAwait(false).GetAwaiter().OnCompleted(continuation);
                }
            }
        }
        """;

    /// <summary>The prelude of the callee assembly: the same types, in the callees' namespace, which its code finds first.</summary>
    public static string CalleePrelude { get; } = Prelude.Replace($"namespace {GeneratedMethod.Namespace}\n", $"namespace {GeneratedMethod.CalleeNamespace}\n", StringComparison.Ordinal);

    /// <summary>The file of one method: its type in namespace <c>Fuzz</c>.</summary>
    public static string FileOf(GeneratedMethod method) => FileIn(GeneratedMethod.Namespace, method.Source);

    /// <summary>The file of a call-site method's callee, in namespace <c>Fuzz.Callees</c>.</summary>
    public static string CalleeFileOf(GeneratedMethod method) =>
        FileIn(GeneratedMethod.CalleeNamespace, method.CalleeSource ?? throw new ArgumentException($"C{method.Index} calls no callee.", nameof(method)));

    static string FileIn(string namespaceName, string source)
    {
        var indented = string.Join("\n", source.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
        return $"{Usings}namespace {namespaceName}\n{{\n{indented.TrimEnd()}\n}}\n";
    }

    /// <summary>Everything one method needs to compile on its own, for a finding or a new fixture.</summary>
    public static string Standalone(GeneratedMethod method) =>
        Prelude + "\n\n" + FileOf(method)[Usings.Length..] + (method.CalleeSource is null ? "" : "\n" + CalleeFileOf(method)[Usings.Length..]);
}
