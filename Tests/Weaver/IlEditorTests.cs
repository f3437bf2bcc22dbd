using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody.Rewriting;

namespace Tests.Weaver;

/// <summary>
/// The rewriters insert long-form instructions without re-encoding the rest of a body, so a short branch the
/// insertion pushes out of its one-byte reach must be widened, and only that one.
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
}
