using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Testing;
using Shield.Fody.Contract;
using Tests.Infrastructure;

namespace Tests.Contract;

/// <summary>
/// Every name in <see cref="WeaveContract"/> is checked against the built runtime, both builds of it (netstandard2.0
/// and net8.0), by reflection: the assembly, each type, each method woven code calls with the shapes the weaver calls
/// it with, each property read by name, and each marker argument position against the constructor's parameter names.
/// The checks walk the contract's constants, so a name added to it is checked or fails the test.
/// </summary>
[TestFixture("netstandard2.0")]
[TestFixture("net10.0")]
public class WeaveContractTests(string targetFramework)
{
    /// <summary>What the weaver's RuntimeReferences calls, per runtime method name, as <c>Return Name(Parameters)</c>.</summary>
    static readonly Dictionary<string, string[]> CalledShapes = new()
    {
        [WeaveContract.Runtime.StartDeadline] = ["CancellationTokenSource StartDeadline(ShieldedOperation)"],
        [WeaveContract.Runtime.BodyToken] =
        [
            "CancellationToken BodyToken(CancellationTokenSource)",
            "Nullable<CancellationToken> BodyToken(Nullable<CancellationToken>, CancellationTokenSource)",
        ],
        [WeaveContract.Runtime.CallerToken] = ["CancellationToken CallerToken(Nullable<CancellationToken>)"],
        [WeaveContract.Runtime.CallerTokens] =
        [
            "ShieldCallerTokens CallerTokens(CancellationToken)",
            "ShieldCallerTokens CallerTokens(CancellationToken, CancellationToken)",
            "ShieldCallerTokens CallerTokens(CancellationToken[])",
        ],
        [WeaveContract.Runtime.Suspending] = ["Void Suspending()"],
        [WeaveContract.Runtime.StartSpan] = ["ShieldSpan StartSpan(ShieldedOperation)"],
        [WeaveContract.Runtime.Threw] = ["Void Threw(Exception, CancellationTokenSource, ShieldSpan)"],
        [WeaveContract.Runtime.Started] = HandOvers(WeaveContract.Runtime.Started),
        [WeaveContract.Runtime.Returned] = HandOvers(WeaveContract.Runtime.Returned),
        [WeaveContract.Runtime.Completed] =
        [
            "Void Completed(Task)", "Void Completed<TResult>(Task<TResult>)",
            "Void Completed(ValueTask)", "Void Completed<TResult>(ValueTask<TResult>)",
        ],
        [WeaveContract.Runtime.Finishing] =
        [
            "Boolean Finishing(Task)", "Boolean Finishing(ValueTask)", "Boolean Finishing<TResult>(ValueTask<TResult>)",
        ],
        [WeaveContract.Runtime.Finished] =
        [
            "Void Finished(Task, Boolean)", "Void Finished(ValueTask, Boolean)", "Void Finished<TResult>(ValueTask<TResult>, Boolean)",
        ],
        [WeaveContract.Runtime.Completing] =
        [
            "Void Completing(Task)", "Void Completing(ValueTask)", "Void Completing<TResult>(ValueTask<TResult>)",
        ],
        [WeaveContract.Runtime.Faulting] =
        [
            "Void Faulting(Task, Exception)", "Void Faulting(ValueTask, Exception)", "Void Faulting<TResult>(ValueTask<TResult>, Exception)",
        ],
        [WeaveContract.Runtime.Faulted] =
        [
            "Void Faulted(Task, Exception)", "Void Faulted(ValueTask, Exception)", "Void Faulted<TResult>(ValueTask<TResult>, Exception)",
        ],
    };

    /// <summary>The types the weaver declares as value types in its references; a mismatch breaks every call.</summary>
    static readonly string[] ValueTypes = [WeaveContract.CallerTokens.FullName, WeaveContract.BodyMarker.FullName];

    Assembly _runtime = null!;

    [OneTimeSetUp]
    public void LoadRuntime()
    {
        var fixture = WovenFlavor.CompiledFixturePath("Debug", targetFramework);
        var context = RuntimeLoadContext.InFolder($"contract {targetFramework}", System.IO.Path.GetDirectoryName(fixture)!, isCollectible: true);
        _runtime = context.LoadFromAssemblyName(new AssemblyName(WeaveContract.RuntimeAssembly));
    }

    [Test]
    public void TheRuntimeAssemblyHasTheContractsName() =>
        Assert.That(_runtime.GetName().Name, Is.EqualTo(WeaveContract.RuntimeAssembly));

    [TestCaseSource(nameof(NamedTypes))]
    public void EachNamedTypeIsPublicInTheContractsNamespace(Type named)
    {
        var type = RuntimeType(named);

        Assert.That(type.IsPublic, Is.True);
        Assert.That(type.Namespace, Is.EqualTo(WeaveContract.Namespace));
        Assert.That(type.Name, Is.EqualTo(Constant<string>(named, "Name")));
        Assert.That(type.IsValueType, Is.EqualTo(ValueTypes.Contains(type.FullName)), "value type as the weaver references it");
        if (named != typeof(WeaveContract.Runtime))
        {
            Assert.That(MemberNames(named).Select(type.GetProperty), Is.All.Not.Null, "each member named is a property");
        }
    }

    [Test]
    public void EachRuntimeMethodHasTheShapesWovenCodeCalls()
    {
        var methodNames = MemberNames(typeof(WeaveContract.Runtime));
        Assert.That(CalledShapes.Keys, Is.EquivalentTo(methodNames), "every method name in the contract has its shapes here");

        var methods = RuntimeType(typeof(WeaveContract.Runtime)).GetMethods(BindingFlags.Public | BindingFlags.Static);
        foreach (var name in methodNames)
        {
            Assert.That(methods.Where(m => m.Name == name).Select(Shape), Is.SupersetOf(CalledShapes[name]), name);
        }
    }

    [Test]
    public void AWeaveGeneratesTheOperationsTypeAndMarksTheAssembly()
    {
        using var woven = ModuleDefinition.ReadModule(WovenFlavor.Get(new Flavor(WeavePath.TestRun, "Debug", targetFramework)).AssemblyPath);
        using var compiled = ModuleDefinition.ReadModule(WovenFlavor.CompiledFixturePath("Debug", targetFramework));

        var operations = woven.Types.Single(type => type.Name == WeaveContract.OperationsType);
        Assert.That(operations.Fields.Select(field => field.FieldType.FullName), Is.Not.Empty.And.All.EqualTo(WeaveContract.Operation.FullName));
        Assert.That(WeaveContract.IsWoven(woven.Assembly.CustomAttributes.Select(a => a.AttributeType.FullName)), Is.True);
        Assert.That(WeaveContract.IsWoven(compiled.Assembly.CustomAttributes.Select(a => a.AttributeType.FullName)), Is.False);
    }

    [Test]
    public void AnOperationIsConstructedFromItsNameAndTimeout() =>
        Assert.That(RuntimeType(typeof(WeaveContract.Operation)).GetConstructor([typeof(string), typeof(int)]), Is.Not.Null);

    [Test]
    public void TheShieldAttributesTimeoutIsASettableInt()
    {
        var property = RuntimeType(typeof(WeaveContract.ShieldAttribute)).GetProperty(WeaveContract.ShieldAttribute.TimeoutMilliseconds);

        Assert.That(property?.PropertyType, Is.EqualTo(typeof(int)));
        Assert.That(property?.SetMethod?.IsPublic, Is.True);
    }

    /// <summary>A position named <c>SelectedBy</c> is the constructor's <c>selectedBy</c>, of the type the marker's <c>SelectedBy</c> reads back.</summary>
    [TestCaseSource(nameof(NamedTypes))]
    public void EachArgumentPositionIsTheConstructorParameterOfItsName(Type named)
    {
        var positions = Constants<int>(named);
        if (positions.Count == 0)
        {
            return;
        }

        var type = RuntimeType(named);
        var parameters = type.GetConstructors().Single().GetParameters();
        Assert.That(parameters, Has.Length.EqualTo(positions.Count), "every argument has its position in the contract");
        foreach (var (name, position) in positions)
        {
            Assert.That(parameters[position].Name, Is.EqualTo(char.ToLowerInvariant(name[0]) + name[1..]), name);
            Assert.That(parameters[position].ParameterType, Is.EqualTo(type.GetProperty(name)?.PropertyType), name);
        }
    }

    static IEnumerable<Type> NamedTypes() => typeof(WeaveContract).GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic);

    Type RuntimeType(Type named) => _runtime.GetType(Constant<string>(named, "FullName"), throwOnError: true)!;

    /// <summary>The members a nested class names: its string constants other than the type's own names.</summary>
    static List<string> MemberNames(Type named) =>
        [.. Constants<string>(named).Where(c => c.Key is not ("Name" or "FullName")).Select(c => c.Value)];

    static T Constant<T>(Type type, string name) => Constants<T>(type)[name];

    static Dictionary<string, T> Constants<T>(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(T))
        .ToDictionary(f => f.Name, f => (T)f.GetRawConstantValue()!);

    static string[] HandOvers(string name) =>
    [
        $"Task {name}(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)",
        $"Task<TResult> {name}<TResult>(Task<TResult>, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)",
        $"ValueTask {name}(ValueTask, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)",
        $"ValueTask<TResult> {name}<TResult>(ValueTask<TResult>, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)",
        $"Task {name}(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)",
        $"Task<TResult> {name}<TResult>(Task<TResult>, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)",
        $"ValueTask {name}(ValueTask, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)",
        $"ValueTask<TResult> {name}<TResult>(ValueTask<TResult>, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)",
    ];

    static string Shape(MethodInfo method)
    {
        var typeParameters = method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(TypeName))}>" : "";
        return $"{TypeName(method.ReturnType)} {method.Name}{typeParameters}({string.Join(", ", method.GetParameters().Select(p => TypeName(p.ParameterType)))})";
    }

    static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
