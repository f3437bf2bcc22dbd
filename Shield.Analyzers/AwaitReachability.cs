using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Shield.Analyzers;

/// <summary>
/// Which code of a body some path from its entry reaches through an await, read from Roslyn's control-flow graph, in
/// which <c>await foreach</c> and <c>await using</c> are lowered to the awaits they run. Lambdas and local functions
/// are graphs of their own and are not looked into.
/// </summary>
static class AwaitReachability
{
    /// <summary>The syntax of every operation of the graph that may run after an await of the same body.</summary>
    public static HashSet<SyntaxNode> AfterAwait(ControlFlowGraph graph)
    {
        var blocks = graph.Blocks;
        var awaits = blocks.Select(block => OperationsOf(block).Any(ContainsAwait)).ToArray();
        var entered = ReachedThroughAwait(blocks, awaits);

        var after = new HashSet<SyntaxNode>();
        foreach (var block in blocks)
        {
            var awaited = entered[block.Ordinal];
            foreach (var operation in OperationsOf(block))
            {
                // Within one operation, code that starts after an await ends is evaluated after it.
                var awaitEnds = operation.DescendantsAndSelf().OfType<IAwaitOperation>().Select(a => a.Syntax.Span.End).ToList();
                foreach (var part in operation.DescendantsAndSelf())
                {
                    if (awaited || awaitEnds.Any(end => end <= part.Syntax.SpanStart))
                    {
                        after.Add(part.Syntax);
                    }
                }

                awaited |= awaitEnds.Count > 0;
            }
        }

        return after;
    }

    /// <summary>
    /// Whether each block can be entered after an await: from a predecessor that awaited or was entered so, through a
    /// finally that awaits on the way, or, for a catch, filter or finally, from anywhere in the try it handles (those
    /// blocks have no predecessors in the graph: control reaches them by an exception or by leaving the try).
    /// </summary>
    static bool[] ReachedThroughAwait(IReadOnlyList<BasicBlock> blocks, bool[] awaits)
    {
        var entered = new bool[blocks.Count];
        bool Leaves(int ordinal) => entered[ordinal] || awaits[ordinal];
        bool AnyLeaves(ControlFlowRegion region) =>
            Enumerable.Range(region.FirstBlockOrdinal, region.LastBlockOrdinal - region.FirstBlockOrdinal + 1).Any(Leaves);

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var block in blocks.Where(block => !entered[block.Ordinal]))
            {
                if (block.Predecessors.Any(edge => Leaves(edge.Source.Ordinal) || edge.FinallyRegions.Any(AnyLeaves)) ||
                    TryRegionsHandledFrom(block).Any(AnyLeaves))
                {
                    entered[block.Ordinal] = true;
                    changed = true;
                }
            }
        }

        return entered;
    }

    /// <summary>The try regions whose handlers (catch, filter or finally) start at this block.</summary>
    static IEnumerable<ControlFlowRegion> TryRegionsHandledFrom(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region != null && region.FirstBlockOrdinal == block.Ordinal; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally)
            {
                var handled = region.EnclosingRegion!;
                while (handled.Kind == ControlFlowRegionKind.FilterAndHandler)
                {
                    handled = handled.EnclosingRegion!;
                }

                yield return handled.NestedRegions[0];
            }
        }
    }

    /// <summary>What a block runs: its operations, then the value its branch reads.</summary>
    public static IEnumerable<IOperation> OperationsOf(BasicBlock block) =>
        block.BranchValue is { } branch ? block.Operations.Append(branch) : block.Operations;

    static bool ContainsAwait(IOperation operation) => operation.DescendantsAndSelf().OfType<IAwaitOperation>().Any();
}
