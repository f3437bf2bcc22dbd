using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Fixtures.Library;
using Shield;

namespace AssemblyToProcess
{
    /// <summary>
    /// Calls into Fixtures.Library, code the fixtures do not own, in every shape the Calls patterns of
    /// fixtures/CallSites.FodyWeavers.xml meet. Nothing here carries [Shield] except where that is the point.
    /// </summary>
    public class CallSites
    {
        readonly Ledger _ledger = new Ledger();
        readonly Channel _channel = new PaymentChannel();

        public Task<int> Write(Probe probe, CancellationToken ct) => _ledger.WriteAsync(probe, ct);

        public Task WriteNoResult(Probe probe, CancellationToken ct) => _ledger.WriteNoResultAsync(probe, ct);

        public ValueTask<int> Count(Probe probe, CancellationToken ct) => _ledger.CountAsync(probe, ct);

        public ValueTask SaveValue(Probe probe, CancellationToken ct) => _ledger.SaveValueAsync(probe, ct);

        public ValueTask<int> CountRecorded(Probe probe, CancellationToken ct) => _ledger.CountRecordedAsync(probe, ct);

        public ValueTask<int> CountFromSource(Probe probe, CancellationToken ct) => _ledger.CountFromSourceAsync(probe, ct);

        public Task<int> WriteNullable(Probe probe, CancellationToken? ct) => _ledger.WriteNullableAsync(probe, ct);

        public Task<int> WriteTwoTokens(Probe probe, CancellationToken first, CancellationToken second) => _ledger.WriteTwoTokensAsync(probe, first, second, 1);

        public Task<string> Echo(Probe probe, CancellationToken ct) => _ledger.EchoAsync("echo", probe, ct);

        public Task<T> Get<T>(T value, Probe probe, CancellationToken ct) => new Box<T>().GetAsync(value, probe, ct);

        public Task<int> Fail(Probe probe, CancellationToken ct) => _ledger.FailAsync(probe, ct);

        public Task<int> Reject(Probe probe, CancellationToken ct) => _ledger.RejectAsync(probe, ct);

        public Task<int> WriteWithNone(Probe probe) => _ledger.WriteAsync(probe, CancellationToken.None);

        public Task<int> WriteWithoutToken(Probe probe) => _ledger.WriteAsync(probe);

        public Task<int> Put(Probe probe, CancellationToken ct)
        {
            IStore store = new Store();
            return store.PutAsync(probe, ct);
        }

        /// <summary>Matched by the receiver's type, PaymentChannel, though the call names Channel.SendAsync.</summary>
        public Task<int> Send(Probe probe, CancellationToken ct)
        {
            var channel = new PaymentChannel();
            return channel.SendAsync(probe, ct);
        }

        /// <summary>The same call on a field typed Channel: no pattern names it.</summary>
        public Task<int> SendOnChannel(Probe probe, CancellationToken ct) => _channel.SendAsync(probe, ct);

        /// <summary>A stack merge hides the receiver's type: only Channel.SendAsync is matched, which no pattern names.</summary>
        public Task<int> SendOnEither(Probe probe, CancellationToken ct, bool first) =>
            (first ? new PaymentChannel() : new PaymentChannel()).SendAsync(probe, ct);

        public async Task<int> WriteAwaited(Probe probe, CancellationToken ct)
        {
            var written = await _ledger.WriteAsync(probe, ct).ConfigureAwait(false);
            return written + 100;
        }

        /// <summary>A value type's method, called on the address of a local.</summary>
        public Task<int> ReadCursor(Probe probe, CancellationToken ct)
        {
            var cursor = new Cursor();
            return cursor.ReadAsync(probe, ct);
        }

        /// <summary>The call is itself an argument: a value lies on the stack under its own arguments.</summary>
        public Task<int> WriteAsArgument(Probe probe, CancellationToken ct) => Passed(0, _ledger.WriteAsync(probe, ct));

        static Task<T> Passed<T>(int unused, Task<T> task) => task;

        // The shapes below hold more than the call's arguments on the stack (or sit in a filter), so the call moves into a
        // method of its own to be protected; the callee throws before any task when the probe asks it to.
        Task<int>? _pending;

        public Task<int> CheckedWriteAsArgument(Probe probe, CancellationToken ct) => Passed(0, _ledger.CheckedWriteAsync(probe, ct));

        /// <summary>The task goes straight into a field: <c>this</c> lies on the stack under the call's arguments.</summary>
        public Task<int> CheckedWriteIntoField(Probe probe, CancellationToken ct)
        {
            _pending = _ledger.CheckedWriteAsync(probe, ct);
            return _pending;
        }

        /// <summary>The call is made in an exception filter, where no try block may start.</summary>
        public Task<int> CheckedWriteInFilter(Probe probe, CancellationToken ct)
        {
            Task<int>? written = null;
            try
            {
                throw new InvalidOperationException("filtered");
            }
            catch (InvalidOperationException) when ((written = _ledger.CheckedWriteAsync(probe, ct)) != null)
            {
            }

            return written!;
        }

        /// <summary>A value type's method, as an argument: the receiver is the address of a local.</summary>
        public Task<int> CheckedReadCursorAsArgument(Probe probe, CancellationToken ct)
        {
            var cursor = new Cursor();
            return Passed(0, cursor.CheckedReadAsync(probe, ct));
        }

        /// <summary>Both calls are elements of the params array that Task.WhenAll takes, inside the state machine's MoveNext.</summary>
        public async Task<int> CheckedWriteBothAwaited(Probe probe, CancellationToken ct)
        {
            try
            {
                var written = await Task.WhenAll(_ledger.CheckedWriteAsync(probe, ct), _ledger.WriteAsync(probe, ct)).ConfigureAwait(false);
                return written[0] + written[1];
            }
            catch (ArgumentException)
            {
                probe.Step("caught");
                throw;
            }
        }

        /// <summary>A generic method's call that names its type parameter: the method of its own is generic too.</summary>
        public Task<T> CheckedEchoAsArgument<T>(T value, Probe probe, CancellationToken ct) => Passed(0, _ledger.CheckedEchoAsync(value, probe, ct));

        /// <summary>The same call in a generic state machine: the method of its own is a member of that generic type.</summary>
        public async Task<T> EchoAsArgumentAwaited<T>(T value, Probe probe, CancellationToken ct) =>
            await Passed(0, _ledger.EchoAsync(value, probe, ct)).ConfigureAwait(false);

        readonly AuditedLedger<string> _audited = new AuditedLedger<string>();

        /// <summary><c>base.CheckedWriteAsync(...)</c> as an argument: see <see cref="AuditedLedger{TEntry}"/>.</summary>
        public Task<int> CheckedWriteOnBaseAsArgument(Probe probe, CancellationToken ct) => _audited.CheckedWriteOnBase(probe, ct);

        public Task<int> CheckedPutInStoreAsArgument(Probe probe, CancellationToken ct) => CheckedPutAsArgument(new Store(), probe, ct);

        public Task<int> CheckedPutInStoreSlotAsArgument(Probe probe, CancellationToken ct) => CheckedPutAsArgument(new StoreSlot(), probe, ct);

        /// <summary>
        /// A call constrained on the method's type parameter, as an argument: the receiver is the address of
        /// <paramref name="store"/>, a class or a struct; the method of its own is generic and takes that address.
        /// </summary>
        static Task<int> CheckedPutAsArgument<TStore>(TStore store, Probe probe, CancellationToken ct)
            where TStore : IStore =>
            Passed(0, store.PutAsync(probe, ct));

        public Task<int> CheckedPutInHeldStoreAsArgument(Probe probe, CancellationToken ct) =>
            new StoreHolder<Store>(new Store()).CheckedPutAsArgument(probe, ct);

        public Task<int> CheckedPutInHeldStoreSlotAsArgument(Probe probe, CancellationToken ct) =>
            new StoreHolder<StoreSlot>(new StoreSlot()).CheckedPutAsArgument(probe, ct);

        /// <summary>The same call constrained on the type's type parameter: the method of its own is named on the type's generic instance.</summary>
        public sealed class StoreHolder<TStore>
            where TStore : IStore
        {
            readonly TStore _store;

            public StoreHolder(TStore store) => _store = store;

            public Task<int> CheckedPutAsArgument(Probe probe, CancellationToken ct) => Passed(0, _store.PutAsync(probe, ct));
        }

        /// <summary>
        /// A non-virtual call of a virtual method, valid only on the caller's own <c>this</c>: the method of its own is an
        /// instance method of this type, named on its generic instance. The override shows which method ran.
        /// </summary>
        public sealed class AuditedLedger<TEntry> : Ledger
        {
            public override Task<int> CheckedWriteAsync(Probe probe, CancellationToken ct) => Task.FromResult(0);

            public Task<int> CheckedWriteOnBase(Probe probe, CancellationToken ct) => Passed(0, base.CheckedWriteAsync(probe, ct));
        }

        public Task<int> WriteInLambda(Probe probe, CancellationToken ct)
        {
            Func<Task<int>> write = () => _ledger.WriteAsync(probe, ct);
            return write();
        }

        public Task<int> WriteInLocalFunction(Probe probe, CancellationToken ct)
        {
            return Write();

            Task<int> Write() => _ledger.WriteAsync(probe, ct);
        }

        public Task<int> WriteThroughDelegate(Probe probe, CancellationToken ct)
        {
            Func<Probe, CancellationToken, Task<int>> write = _ledger.WriteAsync;
            return write(probe, ct);
        }

        /// <summary>[Shield] weaves this method, so the call it makes is left alone.</summary>
        [Shield]
        public async Task<int> WriteInsideShielded(Probe probe, CancellationToken ct) => await _ledger.WriteAsync(probe, ct).ConfigureAwait(false);

        public Task<int> WriteExcluded(Probe probe, CancellationToken ct) => _ledger.UnshieldedAsync(probe, ct);
    }
}
