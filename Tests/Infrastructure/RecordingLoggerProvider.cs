using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Tests.Infrastructure;

/// <summary>Keeps every log entry, and lets a test wait for one.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    readonly object _lock = new();
    readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];
    readonly List<(string Text, TaskCompletionSource Logged)> _waiters = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Completes when an entry containing <paramref name="text"/> is logged.</summary>
    public Task Logged(string text)
    {
        lock (_lock)
        {
            if (_entries.Any(e => e.Message.Contains(text, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, logged));
            return logged.Task;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    void Add(LogLevel level, string message, Exception? exception)
    {
        List<TaskCompletionSource> reached;
        lock (_lock)
        {
            _entries.Add((level, message, exception));
            reached = [.. _waiters.Where(w => message.Contains(w.Text, StringComparison.Ordinal)).Select(w => w.Logged)];
            _waiters.RemoveAll(w => message.Contains(w.Text, StringComparison.Ordinal));
        }

        foreach (var logged in reached)
        {
            logged.TrySetResult();
        }
    }

    sealed class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(logLevel, formatter(state, exception), exception);
    }
}
