using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Connections;

/// <summary>Log messages of <see cref="ElizaDatabase"/>. Connection strings reach them masked.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 1001, EventName = "DatabaseOpened", Level = LogLevel.Information,
        Message = "Opened database {Server} from {Origin} ({ConnectionString})")]
    public static partial void Opened(ILogger logger, string server, string origin, string connectionString);

    [LoggerMessage(EventId = 1002, EventName = "DatabaseClosed", Level = LogLevel.Information,
        Message = "Closed database {Server} ({Reason})")]
    public static partial void Closed(ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 1003, EventName = "DatabaseCloseTimedOut", Level = LogLevel.Warning,
        Message = "Closing database {Server}: {Running} calls still ran after {TimeoutMilliseconds} ms; closing the pool anyway")]
    public static partial void CloseTimedOut(ILogger logger, string server, int running, long timeoutMilliseconds);

    [LoggerMessage(EventId = 1004, EventName = "DatabaseCloseFailed", Level = LogLevel.Error,
        Message = "Closing database {Server} failed: {Error}")]
    public static partial void CloseFailed(ILogger logger, string server, string error);

    [LoggerMessage(EventId = 1005, EventName = "ShutdownSignalReceived", Level = LogLevel.Information,
        Message = "{Signal} received: closing {Count} open databases")]
    public static partial void ShutdownSignal(ILogger logger, string signal, int count);
}
