using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shield.Fuzz.Body
{
    /// <summary>
    /// What a generated body sees of the harness: it records its steps here, suspends only at pauses the harness
    /// controls, and signals here that it ended, whatever way it ended.
    /// </summary>
    /// <remarks>
    /// Pauses are numbered in the order the body reaches them, from 1. Each one completes synchronously or on the
    /// thread pool as the <see cref="PausePlan"/> says, except the gated one, which waits until the harness opens it.
    /// Like cancelable I/O, a pause ends canceled when the token it was given has fired (or fires while it waits):
    /// that is how a body that sees its caller's token behaves differently from a shielded one.
    /// </remarks>
    public sealed class StepLog
    {
        readonly object _lock = new object();
        readonly List<string> _steps = new List<string>();
        readonly PausePlan _plan;
        readonly TaskCompletionSource<bool> _atGate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource<bool> _gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource<bool> _ended = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        int _pauses;
        Action? _cancelCaller;

        public StepLog(PausePlan plan) => _plan = plan;

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

        /// <summary>How many pauses the body has reached.</summary>
        public int Pauses => Volatile.Read(ref _pauses);

        /// <summary>Completes when the body waits at the gated pause.</summary>
        public Task AtGate => _atGate.Task;

        /// <summary>Completes when the body signals that it ended.</summary>
        public Task WhenEnded => _ended.Task;

        public void Step(string name)
        {
            lock (_lock)
            {
                _steps.Add(name);
            }
        }

        /// <summary>Records a step and returns true: a side effect where only an expression fits, like a catch filter.</summary>
        public bool StepIn(string name)
        {
            Step(name);
            return true;
        }

        /// <summary>A pause that yields nothing.</summary>
        public Task Pause(CancellationToken token) => PauseFor(0, token);

        /// <summary>A pause that yields <paramref name="value"/>.</summary>
        public Task<int> PauseFor(int value, CancellationToken token)
        {
            var number = Interlocked.Increment(ref _pauses);
            if (token.IsCancellationRequested)
            {
                return Task.FromCanceled<int>(token);
            }

            if (number == _plan.GateAt)
            {
                return Gated(value, token);
            }

            if (_plan.CompletesSynchronously(number))
            {
                return Task.FromResult(value);
            }

            var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            ThreadPool.QueueUserWorkItem(_ => completion.TrySetResult(value));
            return completion.Task;
        }

        /// <summary>Returns the log itself, or null: for <c>await log.Maybe(x)?.Pause(ct)</c>.</summary>
        public StepLog? Maybe(bool present) => present ? this : null;

        /// <summary>A resource whose disposal is a step.</summary>
        public IDisposable Resource(string name) => new LoggedResource(this, name);

        /// <summary>
        /// Cancels the caller's token from inside the body, while it runs rather than while it waits, when the harness
        /// asked for it (<see cref="CancelCallerWith"/>); otherwise does nothing.
        /// </summary>
        public void CancelCaller() => Interlocked.Exchange(ref _cancelCaller, null)?.Invoke();

        /// <summary>Makes the body's first <see cref="CancelCaller"/> call <paramref name="cancel"/>.</summary>
        public void CancelCallerWith(Action cancel) => _cancelCaller = cancel;

        /// <summary>The body's last act, from a <c>finally</c> around everything it does.</summary>
        public void Ended() => _ended.TrySetResult(true);

        /// <summary>Lets the gated pause complete.</summary>
        public void OpenGate() => _gate.TrySetResult(true);

        async Task<int> Gated(int value, CancellationToken token)
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

            return value;
        }

        sealed class LoggedResource : IDisposable
        {
            readonly StepLog _log;
            readonly string _name;

            public LoggedResource(StepLog log, string name)
            {
                _log = log;
                _name = name;
            }

            public void Dispose() => _log.Step($"dispose {_name}");
        }
    }
}
