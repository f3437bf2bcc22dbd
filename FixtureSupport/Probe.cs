using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures
{
    /// <summary>
    /// What a fixture body does, seen from a test: the steps it recorded, the tokens it saw, and a gate it waits at
    /// until the test opens it, so tests never sleep.
    /// </summary>
    public sealed class Probe
    {
        readonly object _lock = new object();
        readonly List<string> _steps = new List<string>();
        readonly List<(string Step, TaskCompletionSource<bool> Reached)> _waiters = new List<(string, TaskCompletionSource<bool>)>();
        readonly TaskCompletionSource<bool> _gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource<bool> _atGate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The steps recorded so far, in order.</summary>
        public IReadOnlyList<string> Steps
        {
            get
            {
                lock (_lock)
                {
                    return _steps.ToArray();
                }
            }
        }

        /// <summary>Whether each token the body looked at could be canceled, in order.</summary>
        public List<bool> TokensSeenCancelable { get; } = new List<bool>();

        /// <summary>Completes when the body first waits at the gate.</summary>
        public Task AtGate => _atGate.Task;

        public void Step(string name)
        {
            List<TaskCompletionSource<bool>> reached;
            lock (_lock)
            {
                _steps.Add(name);
                reached = _waiters.FindAll(w => w.Step == name).ConvertAll(w => w.Reached);
                _waiters.RemoveAll(w => w.Step == name);
            }

            foreach (var waiter in reached)
            {
                waiter.TrySetResult(true);
            }
        }

        /// <summary>Completes when the body records <paramref name="name"/>.</summary>
        public Task WhenStep(string name)
        {
            lock (_lock)
            {
                if (_steps.Contains(name))
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((name, reached));
                return reached.Task;
            }
        }

        /// <summary>Records what the body can see of a token.</summary>
        public void Saw(CancellationToken token)
        {
            lock (_lock)
            {
                TokensSeenCancelable.Add(token.CanBeCanceled);
            }
        }

        /// <summary>
        /// Waits until the test opens the gate, like cancelable I/O: when <paramref name="token"/> fires first,
        /// it throws <see cref="OperationCanceledException"/>, as the body would if it were not shielded.
        /// </summary>
        public async Task Gate(CancellationToken token)
        {
            _atGate.TrySetResult(true);
            var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(() => canceled.TrySetResult(true)))
            {
                if (await Task.WhenAny(_gate.Task, canceled.Task).ConfigureAwait(false) != _gate.Task)
                {
                    throw new OperationCanceledException(token);
                }
            }
        }

        public void Open() => _gate.TrySetResult(true);

        /// <summary>The exception the body threw through <see cref="Throwing{TException}"/>, to compare instances.</summary>
        public Exception? Thrown { get; private set; }

        /// <summary>Records an exception the body is about to throw: <c>throw probe.Throwing(new ...)</c>.</summary>
        public TException Throwing<TException>(TException exception)
            where TException : Exception
        {
            Thrown = exception;
            return exception;
        }
    }
}
