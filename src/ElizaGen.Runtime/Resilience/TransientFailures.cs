using System.Net.Sockets;
using Npgsql;

namespace ElizaGen.Runtime.Resilience;

/// <summary>
/// Tells transient database failures (worth retrying, counted by the circuit breaker) from the rest
/// (syntax errors, constraint violations, authentication failures), which are never retried.
/// </summary>
public static class TransientFailures
{
    /// <summary>
    /// True for failures that may succeed when tried again: <see cref="NpgsqlException.IsTransient"/>
    /// (network and I/O errors, timeouts), and server errors of SQLSTATE class 08 (connection exception),
    /// class 53 (insufficient resources), 57P01–57P03 (server shutting down or starting), 40001
    /// (serialization failure) and 40P01 (deadlock).
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            PostgresException postgres => postgres.IsTransient || IsTransientSqlState(postgres.SqlState),
            NpgsqlException npgsql => npgsql.IsTransient,
            _ => false,
        };
    }

    /// <summary>True for the SQLSTATE codes this library treats as transient on top of Npgsql's own list.</summary>
    public static bool IsTransientSqlState(string? sqlState) =>
        sqlState is { Length: 5 }
        && (sqlState.StartsWith("08", StringComparison.Ordinal)
            || sqlState.StartsWith("53", StringComparison.Ordinal)
            || sqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01");

    /// <summary>
    /// True when the failure can only have happened while opening a connection, so no command reached the
    /// server: the server refused the connection (nothing listening, no socket file, host unreachable),
    /// was starting up (57P03) or had no connection slot left (53300).
    /// </summary>
    internal static bool HappenedBeforeSending(Exception exception)
    {
        if (exception is PostgresException postgres)
        {
            return postgres.SqlState is "57P03" or "53300";
        }

        return exception is NpgsqlException { InnerException: SocketException socket }
            && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable
                or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                or SocketError.TryAgain;
    }
}
