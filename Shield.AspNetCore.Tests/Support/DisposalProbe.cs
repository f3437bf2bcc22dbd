using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shield.AspNetCore.Tests.Support;

/// <summary>A scoped service that records when its scope disposes it.</summary>
public sealed class DisposalProbe : IDisposable
{
    readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DisposalProbe(Probes probes) => probes.Add(this);

    public string Name { get; set; } = "";

    public Task Disposed => _disposed.Task;

    public void Dispose() => _disposed.TrySetResult();
}

/// <summary>Every probe the app created, by name.</summary>
public sealed class Probes
{
    readonly ConcurrentQueue<DisposalProbe> _all = new();

    public void Add(DisposalProbe probe) => _all.Enqueue(probe);

    public IReadOnlyList<DisposalProbe> All => [.. _all];

    public DisposalProbe Named(string name) => _all.Single(p => p.Name == name);
}
