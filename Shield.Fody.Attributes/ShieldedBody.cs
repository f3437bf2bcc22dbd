using System.ComponentModel;

namespace Shield
{
    /// <summary>
    /// The extra parameter that tells the body of a shielded runtime-async method from the method callers call.
    /// Shield.Fody moves such a body into a private overload of the same name taking this parameter, so stack traces
    /// keep the method's name and lines; it is not meant to be used by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct ShieldedBody
    {
    }
}
