using System;
using System.ComponentModel;

namespace Shield
{
    /// <summary>
    /// Written by Shield.Fody on every assembly it wove, so that a second weave is skipped and tools such as
    /// <c>shield-inspect</c> can tell a woven assembly from one that never was. Not meant to be applied by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
    public sealed class ShieldWovenAttribute : Attribute
    {
        /// <summary>Creates the marker.</summary>
        /// <param name="weaverVersion">The version of Shield.Fody that wove the assembly.</param>
        public ShieldWovenAttribute(string weaverVersion) => WeaverVersion = weaverVersion;

        /// <summary>The version of Shield.Fody that wove the assembly.</summary>
        public string WeaverVersion { get; }
    }
}
