using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody;

namespace Tests.Weaver;

/// <summary>
/// The weaver's stages depend one way, in the order they run: Configuration, Selection, Analysis, Rewriting. A stage
/// may use the ones before it, never one after it; every stage reads the plain data in Model, and Model, Diagnostics,
/// Contract and the Cecil helpers use no stage. Read from the built Shield.Fody.dll: every type a namespace's code
/// names (signatures, fields, attributes, locals and instructions), compiler-generated closures included.
/// </summary>
public class DependencyDirectionTests
{
    const string Root = "Shield.Fody";

    static readonly string[] Stages = ["Configuration", "Selection", "Analysis", "Rewriting"];

    static readonly Dictionary<string, HashSet<string>> Uses = ReadUses();

    [Test]
    public void NoStageUsesALaterOne()
    {
        for (var i = 0; i < Stages.Length; i++)
        {
            Assert.That(UsesOf(Stages[i]).Intersect(Stages.Skip(i + 1)), Is.Empty, $"{Stages[i]} uses a later stage");
        }
    }

    [TestCase("Model")]
    [TestCase("Diagnostics")]
    [TestCase("Contract")]
    [TestCase("")]
    public void TheSharedPartsUseNoStage(string part) =>
        Assert.That(UsesOf(part).Intersect(Stages), Is.Empty);

    [Test]
    public void ModelUsesNothingElseOfTheWeaver() =>
        Assert.That(UsesOf("Model").Except(["Model"]), Is.Empty);

    /// <summary>The reading sees what is there: the stages after selection read the model, and the pipeline reads every stage.</summary>
    [Test]
    public void TheReadingFindsTheKnownUses()
    {
        Assert.That(UsesOf("Analysis"), Does.Contain("Model").And.Contain("Selection"));
        Assert.That(UsesOf("Rewriting"), Does.Contain("Model").And.Contain("Contract"));
        Assert.That(UsesOf("Pipeline"), Is.SupersetOf(Stages));
    }

    static IEnumerable<string> UsesOf(string part) => Uses.TryGetValue(part, out var uses) ? uses : [];

    /// <summary>For each part of the weaver (a namespace after <c>Shield.Fody.</c>, "" for the helpers at the root, "Pipeline" for ModuleWeaver), the parts its code names.</summary>
    static Dictionary<string, HashSet<string>> ReadUses()
    {
        using var module = ModuleDefinition.ReadModule(typeof(ModuleWeaver).Assembly.Location);
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (var type in module.GetTypes().Where(t => PartOf(t) != null))
        {
            var part = PartOf(type)!;
            var named = uses.TryGetValue(part, out var found) ? found : uses[part] = [];
            foreach (var reference in TypesNamedBy(type))
            {
                if (reference.Resolve() is { } definition && definition.Module == module && PartOf(definition) is { } used && used != part)
                {
                    named.Add(used);
                }
            }
        }

        return uses;
    }

    static string? PartOf(TypeDefinition type)
    {
        var outer = type;
        while (outer.DeclaringType != null)
        {
            outer = outer.DeclaringType;
        }

        if (outer.Name == nameof(ModuleWeaver))
        {
            return "Pipeline";
        }

        return outer.Namespace == Root ? "" : outer.Namespace.StartsWith(Root + ".") ? outer.Namespace[(Root.Length + 1)..] : null;
    }

    static IEnumerable<TypeReference> TypesNamedBy(TypeDefinition type)
    {
        var named = new List<TypeReference?> { type.BaseType };
        named.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        named.AddRange(type.Fields.Select(f => f.FieldType));
        named.AddRange(type.CustomAttributes.Select(a => a.AttributeType));
        foreach (var method in type.Methods)
        {
            named.Add(method.ReturnType);
            named.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (method.HasBody)
            {
                named.AddRange(method.Body.Variables.Select(v => v.VariableType));
                named.AddRange(method.Body.Instructions.SelectMany(i => OperandTypes(i.Operand)));
            }
        }

        return named.OfType<TypeReference>().SelectMany(Unwrap);
    }

    static IEnumerable<TypeReference> OperandTypes(object? operand) => operand switch
    {
        TypeReference type => [type],
        MethodReference method => [method.DeclaringType, method.ReturnType, .. method.Parameters.Select(p => p.ParameterType),
            .. method is GenericInstanceMethod generic ? generic.GenericArguments : []],
        FieldReference field => [field.DeclaringType, field.FieldType],
        _ => [],
    };

    /// <summary>A type and what it is built from: element types of arrays and references, and generic arguments.</summary>
    static IEnumerable<TypeReference> Unwrap(TypeReference type)
    {
        yield return type.GetElementType();
        if (type is GenericInstanceType generic)
        {
            foreach (var argument in generic.GenericArguments.SelectMany(Unwrap))
            {
                yield return argument;
            }
        }
    }
}
