using Shield.Fody.Diagnostics;
using Shield.Fody.Model;

namespace Shield.Fody.Analysis;

/// <summary>
/// Checks that an async method has the shape the C# and VB compilers give it (a kickoff method that starts a state
/// machine and returns its builder's task, and a MoveNext that suspends through the builder and ends the task through
/// it) and records where the rewriter will hook in. Anything else is reported and left alone.
/// </summary>
internal static class AsyncMethodAnalyzer
{
    public static StateMachinePlan? Analyze(MethodDefinition kickoff, TypeDefinition stateMachine, TaskShape shape, string operation, ICollection<Diagnostic> diagnostics)
    {
        Diagnostic Unrecognized(string detail) => new(ShieldDiagnostics.UnrecognizedIl,
            $"{operation}: {detail}. {UnrecognizedAdvice(SourceCompilers.Of(kickoff.Module))}",
            kickoff.FirstVisibleSequencePoint());

        var builderDefinition = StateMachineFields.Builder(kickoff, stateMachine);
        var stateDefinition = StateMachineFields.State(kickoff, stateMachine);
        var moveNext = stateMachine.Methods.FirstOrDefault(m => m.Name == "MoveNext" && m.HasBody);
        if (builderDefinition is null || moveNext is null || stateDefinition is null)
        {
            diagnostics.Add(Unrecognized($"its state machine {stateMachine.Name} has no MoveNext body, or its kickoff does not set a state field to -1 and start a builder field"));
            return null;
        }

        var builderName = builderDefinition.FieldType.GetElementType().FullName;
        if (StandardBuilders.KindOf(builderDefinition.FieldType) is not { } builderKind)
        {
            diagnostics.Add(Diagnostic.Misuse(ShieldDiagnostics.CustomBuilder, kickoff.FirstVisibleSequencePoint(),
                MisuseMessages.CustomBuilder, operation, TypeNames.Readable(builderDefinition.FieldType)));
            return null;
        }

        if (builderKind != shape.Kind)
        {
            diagnostics.Add(Unrecognized($"its state machine's builder {TypeNames.Readable(builderDefinition.FieldType)} does not build its return type {TypeNames.Readable(kickoff.ReturnType)}"));
            return null;
        }

        if (!KickoffStartsAndReturnsBuilderTask(kickoff, builderName, stateMachine))
        {
            diagnostics.Add(Unrecognized("its kickoff method does not start the state machine and return its builder's task"));
            return null;
        }

        var body = moveNext.Body;
        var referenced = body.ReferencedInstructions();
        // MoveNext's own references: on a generic state machine they name the instantiation MoveNext sees.
        var stateField = FieldOperands(body).FirstOrDefault(f => f.Name == stateDefinition.Name);
        var builderField = body.Instructions
            .Where(i => i.OpCode.Code == Code.Ldflda)
            .Select(i => (FieldReference)i.Operand)
            .FirstOrDefault(f => f.Name == builderDefinition.Name);
        var builderCalls = body.Instructions
            .Where(i => i.OpCode.Code is Code.Call or Code.Callvirt && i.Operand is MethodReference m && m.DeclaringType.GetElementType().FullName == builderName)
            .ToList();
        var kickoffGetter = kickoff.Body.Instructions
            .Select(i => i.Operand as MethodReference)
            .First(m => m?.Name == "get_Task" && m.DeclaringType.GetElementType().FullName == builderName)!;

        var suspensions = new List<Instruction>();
        foreach (var call in builderCalls.Where(c => ((MethodReference)c.Operand).Name is "AwaitUnsafeOnCompleted" or "AwaitOnCompleted"))
        {
            var start = InstructionQueries.ArgumentStart(call, 3, referenced);
            if (start is null)
            {
                diagnostics.Add(Unrecognized($"MoveNext suspends at IL_{call.Offset:x4} through code that is not straight-line"));
                return null;
            }

            suspensions.Add(start);
        }

        var setResults = builderCalls.Where(c => ((MethodReference)c.Operand).Name == "SetResult").ToList();
        var setExceptions = new List<SetExceptionSite>();
        foreach (var call in builderCalls.Where(c => ((MethodReference)c.Operand).Name == "SetException"))
        {
            var exception = call.Previous?.LoadedVariable(body);
            if (exception is null)
            {
                diagnostics.Add(Unrecognized($"MoveNext ends the task with an exception at IL_{call.Offset:x4} that is not held in a local"));
                return null;
            }

            setExceptions.Add(new SetExceptionSite(call, exception));
        }

        // SetResult is absent when the body always throws; SetException never is.
        if (stateField is null || builderField is null || setExceptions.Count == 0)
        {
            diagnostics.Add(Unrecognized("its MoveNext does not read its state and end its task through its builder"));
            return null;
        }

        var taskGetter = new MethodReference("get_Task", kickoffGetter.ReturnType, builderField.FieldType) { HasThis = true };
        return new StateMachinePlan(stateMachine, moveNext, stateField, builderField, taskGetter, suspensions, setResults, setExceptions);
    }

    /// <summary>What SHIELD005 says after what it found: the compiler the module shows, and what to do about it.</summary>
    static string UnrecognizedAdvice(SourceCompiler compiler) => compiler switch
    {
        SourceCompiler.CSharp or SourceCompiler.VisualBasic =>
            $"This is not the code the {compiler.Name()} compiler writes for an async method (was it rewritten by another weaver or an obfuscator?), so it is left as compiled. List Shield first in FodyWeavers.xml, or remove [Shield].",
        SourceCompiler.FSharp =>
            "The assembly was compiled by F#, whose task { } and async { } members have no state machine of this kind, so another tool wrote or rewrote it (another weaver or an obfuscator?), and it is left as compiled. List Shield first in FodyWeavers.xml, or remove [<Shield>].",
        _ =>
            "The assembly shows no sign of the C#, VB.NET or F# compiler, and Shield only knows the async methods those write (was it compiled by another compiler, or rewritten by another weaver or an obfuscator?), so it is left as compiled. List Shield first in FodyWeavers.xml if another weaver runs, or remove [Shield].",
    };

    static IEnumerable<FieldReference> FieldOperands(MethodBody body) =>
        body.Instructions.Select(i => i.Operand).OfType<FieldReference>();

    static bool KickoffStartsAndReturnsBuilderTask(MethodDefinition kickoff, string builderName, TypeDefinition stateMachine)
    {
        var instructions = kickoff.Body.Instructions;
        var returns = instructions.Where(i => i.OpCode.Code == Code.Ret).ToList();
        var startsStateMachine = StateMachineFields.StartCall(kickoff, stateMachine)?.DeclaringType.GetElementType().FullName == builderName;

        return startsStateMachine &&
            returns.Count == 1 &&
            returns[0].Previous is { OpCode.Code: Code.Call, Operand: MethodReference { Name: "get_Task" } getter } &&
            getter.DeclaringType.GetElementType().FullName == builderName;
    }
}
