using System;
using System.ComponentModel;
using System.Threading;

namespace Shield
{
    /// <summary>
    /// The tokens a caller passed to a shielded method, kept aside by woven code before the body receives its own.
    /// Not meant to be used by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct ShieldCallerTokens
    {
        readonly CancellationToken _first;
        readonly CancellationToken _second;
        readonly CancellationToken[]? _rest;

        internal ShieldCallerTokens(CancellationToken first, CancellationToken second, CancellationToken[]? rest)
        {
            _first = first;
            _second = second;
            _rest = rest;
        }

        /// <summary>True when any of the caller's tokens can fire.</summary>
        public bool CanBeCanceled
        {
            get
            {
                if (_first.CanBeCanceled || _second.CanBeCanceled)
                {
                    return true;
                }

                if (_rest != null)
                {
                    foreach (var token in _rest)
                    {
                        if (token.CanBeCanceled)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        internal int Count => 2 + (_rest?.Length ?? 0);

        /// <summary>The one token that can fire, when exactly one can.</summary>
        internal bool TryGetOnlyCancelable(out CancellationToken token)
        {
            token = _first.CanBeCanceled ? _first : _second;
            return _rest is null && (_first.CanBeCanceled ^ _second.CanBeCanceled);
        }

        internal CancellationToken this[int index] => index switch
        {
            0 => _first,
            1 => _second,
            _ => _rest![index - 2],
        };

        /// <summary>The first token that fired, or <see cref="CancellationToken.None"/> when none has.</summary>
        internal CancellationToken FirstCanceled()
        {
            for (var i = 0; i < Count; i++)
            {
                if (this[i].IsCancellationRequested)
                {
                    return this[i];
                }
            }

            return CancellationToken.None;
        }
    }
}
