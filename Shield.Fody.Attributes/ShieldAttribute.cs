using System;

namespace Shield
{
    /// <summary>
    /// Shields an async method from its caller's cancellation, the way Python's <c>asyncio.shield()</c> does:
    /// the caller may stop waiting, but the shielded work runs to completion.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Shield.Fody rewrites the compiled method at build time. The method body receives a non-cancelable token in
    /// place of every <see cref="System.Threading.CancellationToken"/> (and <c>CancellationToken?</c>) parameter,
    /// so the body and everything it calls run to completion. The caller receives a proxy task that completes with
    /// the body's result or exception, or is canceled as soon as the caller's token fires, while the body keeps
    /// running. A fault that happens after the caller walked away is reported through
    /// <see cref="ShieldedOperations.UnobservedFault"/>.
    /// </para>
    /// <para>
    /// On a class or struct, the attribute shields every async method declared in that type that has a token
    /// parameter. Lambdas, local functions and nested types are shielded only when they carry the attribute
    /// themselves, and overrides do not inherit it.
    /// </para>
    /// <para>
    /// A shielded body outlives its caller: it must not use anything the caller's scope disposes (a DI scope,
    /// <c>HttpContext</c>, a <c>TransactionScope</c>), and <c>AsyncLocal</c> values flow into it.
    /// </para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
    public sealed class ShieldAttribute : Attribute
    {
        /// <summary>
        /// Bounds the shielded work: when greater than zero, the body runs under a token that fires this many
        /// milliseconds after the call instead of a token that never fires. The caller's proxy is unchanged.
        /// Time is read through <see cref="ShieldedOperations.TimeProvider"/>. Zero (the default) means no deadline.
        /// </summary>
        public int TimeoutMilliseconds { get; set; }
    }
}
