using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody.Rewriting;

namespace Tests.Weaver;

/// <summary>
/// The rewriters insert long-form instructions without re-encoding the rest of a body, so a short branch the
/// insertion pushes out of its one-byte reach must be widened, and only that one. A prefix stays glued to its
/// instruction, and a tail call that new code follows is no longer a tail call.
/// </summary>
public class IlEditorTests
{
    static MethodBody BodyWithShortBranches(out Instruction far, out Instruction near)
    {
        var module = ModuleDefinition.CreateModule("Probe", ModuleKind.Dll);
        var method = new MethodDefinition("M", MethodAttributes.Static, module.TypeSystem.Void);
        var il = method.Body.GetILProcessor();
        var end = il.Create(OpCodes.Ret);
        var nearTarget = il.Create(OpCodes.Nop);
        near = il.Create(OpCodes.Br_S, nearTarget);
        far = il.Create(OpCodes.Br_S, end);
        il.Append(far);
        il.Append(near);
        il.Append(nearTarget);
        for (var i = 0; i < 120; i++)
        {
            il.Append(il.Create(OpCodes.Nop));
        }

        il.Append(end);
        return method.Body;
    }

    [Test]
    public void AShortBranchPushedOutOfReachIsWidened()
    {
        var body = BodyWithShortBranches(out var far, out var near);
        IlEditor.InsertAfter(body, near.Next, [.. Enumerable.Range(0, 10).Select(_ => Instruction.Create(OpCodes.Ldc_I4, 0)).SelectMany(i => new[] { i, Instruction.Create(OpCodes.Pop) })]);

        IlEditor.WidenBranchesOutOfReach(body);

        Assert.That(far.OpCode, Is.EqualTo(OpCodes.Br), "60 more bytes between it and its target");
        Assert.That(near.OpCode, Is.EqualTo(OpCodes.Br_S), "a branch still in reach keeps its short form");
    }

    [Test]
    public void NothingChangesWhenEveryBranchIsInReach()
    {
        var body = BodyWithShortBranches(out var far, out var near);

        IlEditor.WidenBranchesOutOfReach(body);

        Assert.That(far.OpCode, Is.EqualTo(OpCodes.Br_S));
        Assert.That(near.OpCode, Is.EqualTo(OpCodes.Br_S));
    }

    /// <summary>A body that ends <c>[prefixes] callvirt object.ToString(); ret</c>, with a branch to the first prefix.</summary>
    static MethodBody BodyEndingInCall(OpCode[] prefixes, out Instruction call, out Instruction branch)
    {
        var module = ModuleDefinition.CreateModule("Probe", ModuleKind.Dll);
        var method = new MethodDefinition("M", MethodAttributes.Static, module.TypeSystem.String);
        method.Parameters.Add(new ParameterDefinition(new ByReferenceType(module.TypeSystem.Object)));
        var il = method.Body.GetILProcessor();
        var toString = new MethodReference("ToString", module.TypeSystem.String, module.TypeSystem.Object) { HasThis = true };
        call = il.Create(OpCodes.Callvirt, toString);
        var modifiers = prefixes.Select(p => p == OpCodes.Constrained ? il.Create(p, module.TypeSystem.Object) : il.Create(p)).ToList();
        branch = il.Create(OpCodes.Br_S, modifiers.FirstOrDefault() ?? call);
        il.Append(branch);
        il.Append(il.Create(OpCodes.Ldarg_0));
        modifiers.ForEach(il.Append);
        il.Append(call);
        il.Append(il.Create(OpCodes.Ret));
        return method.Body;
    }

    static OpCode[] Codes(MethodBody body) => [.. body.Instructions.Select(i => i.OpCode)];

    [Test]
    public void CodeInsertedBeforeTheRetOfATailCallEndsTheTailCall()
    {
        var body = BodyEndingInCall([OpCodes.Tail], out var call, out var branch);

        IlEditor.Prepend(body, call.Next, [Instruction.Create(OpCodes.Nop)]);

        Assert.That(Codes(body), Is.EqualTo(new[] { OpCodes.Br_S, OpCodes.Ldarg_0, OpCodes.Callvirt, OpCodes.Nop, OpCodes.Ret }));
        Assert.That(branch.Operand, Is.SameAs(body.Instructions[1].Next), "the branch to the removed prefix reaches the call");
    }

    [Test]
    public void CodeInsertedAfterATailCallEndsTheTailCallAndKeepsItsOtherPrefixes()
    {
        var body = BodyEndingInCall([OpCodes.Constrained, OpCodes.Tail], out var call, out _);

        IlEditor.InsertAfter(body, call, [Instruction.Create(OpCodes.Nop)]);

        Assert.That(Codes(body), Is.EqualTo(new[] { OpCodes.Br_S, OpCodes.Ldarg_0, OpCodes.Constrained, OpCodes.Callvirt, OpCodes.Nop, OpCodes.Ret }));
    }

    [Test]
    public void CodePrependedToAPrefixedCallGoesBeforeItsPrefix()
    {
        var body = BodyEndingInCall([OpCodes.Constrained], out var call, out var branch);
        var inserted = Instruction.Create(OpCodes.Nop);

        IlEditor.Prepend(body, call, [inserted]);

        Assert.That(Codes(body), Is.EqualTo(new[] { OpCodes.Br_S, OpCodes.Ldarg_0, OpCodes.Nop, OpCodes.Constrained, OpCodes.Callvirt, OpCodes.Ret }));
        Assert.That(branch.Operand, Is.SameAs(inserted), "what branched to the prefixed call runs the new code first");
    }
}
