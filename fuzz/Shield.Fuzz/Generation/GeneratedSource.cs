namespace Shield.Fuzz.Generation;

/// <summary>The C# files a batch is compiled from: one shared prelude, and one file per generated method.</summary>
public static class GeneratedSource
{
    const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;
        using Shield.Fuzz.Body;

        """;

    /// <summary>Types the generated methods share: an IAsyncDisposable whose disposal is a step and a pause.</summary>
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
        }
        """;

    /// <summary>The file of one method: its type in namespace <c>Fuzz</c>.</summary>
    public static string FileOf(GeneratedMethod method)
    {
        var indented = string.Join("\n", method.Source.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
        return $"{Usings}namespace {GeneratedMethod.Namespace}\n{{\n{indented.TrimEnd()}\n}}\n";
    }

    /// <summary>Everything one method needs to compile on its own, for a finding or a new fixture.</summary>
    public static string Standalone(GeneratedMethod method) => Prelude + "\n\n" + FileOf(method)[Usings.Length..];
}
