using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Tests.Connections;

/// <summary>Keeps every log entry in memory so a test can check what was logged.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IReadOnlyList<LogEntry> Snapshot() => [.. Entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new LogEntry(category, logLevel, eventId.Name ?? string.Empty, formatter(state, exception), exception));
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, string EventName, string Message, Exception? Exception);
