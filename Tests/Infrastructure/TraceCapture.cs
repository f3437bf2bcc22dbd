using System;
using System.Diagnostics;
using System.IO;

namespace Tests.Infrastructure;

/// <summary>Captures what is written through <see cref="Trace"/> while it is alive.</summary>
public sealed class TraceCapture : IDisposable
{
    readonly StringWriter _writer = new();
    readonly TextWriterTraceListener _listener;

    public TraceCapture()
    {
        _listener = new TextWriterTraceListener(_writer);
        Trace.Listeners.Add(_listener);
    }

    public string Text
    {
        get
        {
            _listener.Flush();
            return _writer.ToString();
        }
    }

    public void Dispose()
    {
        Trace.Listeners.Remove(_listener);
        _listener.Dispose();
    }
}
