using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>Keeps the formatted log messages, for tests that check what the embedded server reported.</summary>
internal sealed class ListLogger(Action<string>? onMessage = null) : ILogger
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        _messages.Enqueue(message);
        onMessage?.Invoke(message);
    }
}
