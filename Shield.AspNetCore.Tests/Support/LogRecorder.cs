using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Shield.AspNetCore.Tests.Support;

/// <summary>Keeps every log entry with its category, and lets a test wait for one.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    readonly object _lock = new();
    readonly List<LogEntry> _entries = [];
    readonly List<(Func<LogEntry, bool> Matches, TaskCompletionSource<LogEntry> Logged)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Completes with the first entry of <paramref name="category"/> at <paramref name="level"/>.</summary>
    public Task<LogEntry> Logged(string category, LogLevel level)
    {
        bool Matches(LogEntry e) => e.Category == category && e.Level == level;
        lock (_lock)
        {
            var found = _entries.FirstOrDefault(Matches);
            if (found != null)
            {
                return Task.FromResult(found);
            }

            var logged = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Matches, logged));
            return logged.Task;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    void Add(LogEntry entry)
    {
        List<TaskCompletionSource<LogEntry>> reached;
        lock (_lock)
        {
            _entries.Add(entry);
            reached = [.. _waiters.Where(w => w.Matches(entry)).Select(w => w.Logged)];
            _waiters.RemoveAll(w => w.Matches(entry));
        }

        foreach (var logged in reached)
        {
            logged.TrySetResult(entry);
        }
    }

    sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder.Add(new LogEntry(category, logLevel, formatter(state, exception)));
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message);
