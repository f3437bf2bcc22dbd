using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Mono.Cecil;
using Shield.Fody;
using Shield.Fody.Contract;
using Shield.Inspect;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// Checks that woven IL is valid with what this machine has (PEVerify is Windows-only, ILVerify is not available):
/// the module must read back with Cecil, every woven method, the methods of its state machine and the generated
/// <c>&lt;Shield&gt;Operations</c> type must compile with the JIT, and must decompile without errors or warnings.
/// The JIT rejects what would fail at run time (an unbalanced stack, a bad branch, a member that does not exist);
/// the decompiler also flags IL the JIT would accept but no compiler writes.
/// </summary>
public static class IlValidityGate
{
    /// <summary>One problem: the member (<c>Namespace.Type::Method</c>), the check that found it, and what it found.</summary>
    public sealed record Finding(string Member, string Check, string Problem)
    {
        public override string ToString() => $"{Member} [{Check}] {Problem}";
    }

    /// <summary>The members checked and the problems found; a valid assembly has no findings.</summary>
    public sealed record Report(IReadOnlyList<string> Checked, IReadOnlyList<Finding> Findings);

    /// <param name="RuntimeAsyncWithoutResult">
    /// A runtime-async method returning Task or ValueTask ends with a <c>ret</c> that returns nothing, which
    /// ICSharpCode.Decompiler 11.2 reports as a stack underflow even in code no weaver touched; the JIT still checks it.
    /// </param>
    sealed record WovenMember(string Name, int Token, bool RuntimeAsyncWithoutResult);

    /// <param name="assemblyPath">The woven assembly.</param>
    /// <param name="referenceDirectory">The folder with the assemblies it references (the Shield runtime among them).</param>
    public static Report Check(string assemblyPath, string referenceDirectory)
    {
        var findings = new List<Finding>();
        var members = ReadWovenMembers(assemblyPath, findings);
        CompileWithTheJit(members, assemblyPath, referenceDirectory, findings);
        Decompile(members, assemblyPath, referenceDirectory, findings);
        return new Report([.. members.Select(m => m.Name)], findings);
    }

    /// <summary>Reads the module back with Cecil, bodies included, and lists what the weave wrote or rewrote.</summary>
    static List<WovenMember> ReadWovenMembers(string assemblyPath, List<Finding> findings)
    {
        try
        {
            using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters(ReadingMode.Immediate) { InMemory = true, ReadSymbols = false });
            var methods = module.GetTypes()
                .SelectMany(type => type.Methods)
                .Select(ShieldedMethod.Read)
                .OfType<ShieldedMethod>()
                .SelectMany(shielded => new[] { shielded.Method, shielded.RuntimeAsyncBody }.OfType<MethodDefinition>()
                    .Concat(shielded.StateMachine?.Methods ?? []))
                .Concat(module.GetTypes().Where(type => type.Name == WeaveContract.OperationsType).SelectMany(type => type.Methods))
                .Concat(module.GetTypes().SelectMany(type => type.Methods).Where(method => ShieldedCallSite.Read(method).Any() || WeaveContract.IsIsolatedCall(method.Name)))
                .Distinct()
                .ToList();
            foreach (var method in methods.Where(m => m.HasBody))
            {
                // Cecil decodes a body when it is first read: a body it cannot decode fails here.
                _ = method.Body.Instructions.Count;
            }

            return [.. methods.Select(m => new WovenMember(
                $"{m.DeclaringType.FullName}::{m.Name}",
                m.MetadataToken.ToInt32(),
                m.IsRuntimeAsync() && m.ReturnType is not GenericInstanceType))];
        }
        catch (Exception exception)
        {
            findings.Add(new Finding(assemblyPath, "read", $"{exception.GetType().Name}: {exception.Message}"));
            return [];
        }
    }

    /// <summary>Loads the assembly with its own runtime into a context of its own and makes the JIT compile each member.</summary>
    static void CompileWithTheJit(IReadOnlyList<WovenMember> members, string assemblyPath, string referenceDirectory, List<Finding> findings)
    {
        var context = RuntimeLoadContext.InFolder($"IL gate: {assemblyPath}", referenceDirectory, isCollectible: true);
        try
        {
            var module = context.LoadFromAssemblyPath(assemblyPath).ManifestModule;
            foreach (var member in members)
            {
                try
                {
                    var method = module.ResolveMethod(member.Token)!;
                    var instantiations = Instantiations(method).ToList();
                    if (instantiations.Count == 0)
                    {
                        findings.Add(new Finding(member.Name, "jit", "no instantiation with object, int or a type of its constraints' assemblies satisfies its generic constraints, so it was not compiled"));
                    }

                    foreach (var instantiation in instantiations)
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle, instantiation);
                    }
                }
                catch (Exception exception)
                {
                    findings.Add(new Finding(member.Name, "jit", $"{exception.GetType().Name}: {exception.Message}"));
                }
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// The type arguments to compile a member with: none for non-generic code; otherwise every type and method parameter
    /// as object (the body all reference types share) and as int (a value type gets a body of its own), in the order
    /// PrepareMethod takes them, skipping a choice the constraints forbid. Where the constraints forbid both (an
    /// interface), the first class and the first struct of the constraints' own assemblies that satisfy them.
    /// </summary>
    static IEnumerable<RuntimeTypeHandle[]?> Instantiations(MethodBase method)
    {
        var type = method.DeclaringType!;
        var typeParameters = type.IsGenericTypeDefinition ? type.GetGenericArguments() : [];
        var methodParameters = method.IsGenericMethodDefinition ? method.GetGenericArguments() : [];
        var count = typeParameters.Length + methodParameters.Length;
        if (count == 0)
        {
            yield return null;
            yield break;
        }

        bool Satisfies(Type argument) => SatisfiesConstraints(type, typeParameters.Length, method, methodParameters.Length, argument);
        var arguments = new[] { typeof(object), typeof(int) }.Where(Satisfies).ToList();
        if (arguments.Count == 0)
        {
            var candidates = typeParameters.Concat(methodParameters)
                .SelectMany(parameter => parameter.GetGenericParameterConstraints())
                .Select(constraint => constraint.Assembly)
                .Distinct()
                .SelectMany(assembly => assembly.GetExportedTypes())
                .Where(candidate => !candidate.IsAbstract && !candidate.ContainsGenericParameters)
                .ToList();
            arguments.AddRange(new[] { false, true }
                .Select(isValueType => candidates.FirstOrDefault(candidate => candidate.IsValueType == isValueType && Satisfies(candidate)))
                .OfType<Type>());
        }

        foreach (var argument in arguments)
        {
            yield return [.. Enumerable.Repeat(argument.TypeHandle, count)];
        }
    }

    static bool SatisfiesConstraints(Type type, int typeParameters, MethodBase method, int methodParameters, Type argument)
    {
        try
        {
            if (typeParameters > 0)
            {
                type.MakeGenericType(Enumerable.Repeat(argument, typeParameters).ToArray());
            }

            if (methodParameters > 0)
            {
                ((MethodInfo)method).MakeGenericMethod(Enumerable.Repeat(argument, methodParameters).ToArray());
            }

            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Decompiles each member to C#: an exception, an error expression or a warning comment is a finding.</summary>
    static void Decompile(IReadOnlyList<WovenMember> members, string assemblyPath, string referenceDirectory, List<Finding> findings)
    {
        using var decompiler = new WovenCodeDecompiler(assemblyPath, [referenceDirectory]);
        foreach (var member in members)
        {
            try
            {
                findings.AddRange(decompiler.CSharp([member.Token]).Problems
                    .Where(problem => !(member.RuntimeAsyncWithoutResult && problem.Contains("Stack underflow", StringComparison.Ordinal)))
                    .Select(problem => new Finding(member.Name, "decompile", problem)));
            }
            catch (Exception exception)
            {
                findings.Add(new Finding(member.Name, "decompile", $"{exception.GetType().Name}: {exception.Message}"));
            }
        }
    }
}
