using System;
using System.ComponentModel;

namespace Shield
{
    /// <summary>
    /// Written by Shield.Fody on every method it wove, with the configuration it applied. Not meant to be applied
    /// by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class ShieldedMethodAttribute : Attribute
    {
        /// <summary>Creates the marker.</summary>
        /// <param name="operation">The operation name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="selectedBy">What selected the method: <c>[Shield] on the method</c>, <c>[Shield] on the type</c> or <c>Include pattern 'P'</c>.</param>
        /// <param name="timeoutMilliseconds">The body's deadline in milliseconds, or zero for none.</param>
        public ShieldedMethodAttribute(string operation, string selectedBy, int timeoutMilliseconds)
        {
            Operation = operation;
            SelectedBy = selectedBy;
            TimeoutMilliseconds = timeoutMilliseconds;
        }

        /// <summary>The operation name, <c>Namespace.Type.Method</c>.</summary>
        public string Operation { get; }

        /// <summary>What selected the method for shielding.</summary>
        public string SelectedBy { get; }

        /// <summary>The body's deadline in milliseconds, or zero for none.</summary>
        public int TimeoutMilliseconds { get; }
    }
}
