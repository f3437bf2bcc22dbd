using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>Registers a walk-away callback on each of the caller's tokens, and lets go of them.</summary>
    internal static class CallerTokenRegistrations
    {
        /// <summary>Registers <paramref name="onCanceled"/> on each token that can fire, with the call's key as its state.</summary>
        public static void Register(ref TrackedCall call, object key, Action<object?> onCanceled)
        {
            var caller = call.Caller;
            call.First = Register(caller[0], key, onCanceled);
            call.Second = Register(caller[1], key, onCanceled);
            if (caller.Count > 2)
            {
                var rest = new CancellationTokenRegistration[caller.Count - 2];
                for (var i = 2; i < caller.Count; i++)
                {
                    rest[i - 2] = Register(caller[i], key, onCanceled);
                }

                call.Rest = rest;
            }
        }

        public static void Unregister(in TrackedCall call)
        {
            Unregister(call.First, call.Caller[0]);
            Unregister(call.Second, call.Caller[1]);
            if (call.Rest != null)
            {
                for (var i = 0; i < call.Rest.Length; i++)
                {
                    Unregister(call.Rest[i], call.Caller[i + 2]);
                }
            }
        }

        static CancellationTokenRegistration Register(CancellationToken token, object key, Action<object?> onCanceled)
        {
            if (!token.CanBeCanceled)
            {
                return default;
            }

#if NET6_0_OR_GREATER
            return token.UnsafeRegister(onCanceled, key);
#else
            return token.Register(onCanceled, key, useSynchronizationContext: false);
#endif
        }

        static void Unregister(CancellationTokenRegistration registration, CancellationToken token)
        {
#if NET6_0_OR_GREATER
            _ = token;
            registration.Unregister();
#else
            // Dispose waits for a callback that is running; a fired token's callback may be running the
            // caller's continuation, so leave it alone (its source has dropped the registration already).
            if (!token.IsCancellationRequested)
            {
                registration.Dispose();
            }
#endif
        }
    }
}
