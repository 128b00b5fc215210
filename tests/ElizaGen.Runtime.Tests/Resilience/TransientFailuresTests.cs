using System.Net.Sockets;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Resilience;

/// <summary>The classification rule on its own; the same codes raised by a real server are in ResiliencePipelineTests.</summary>
public sealed class TransientFailuresTests
{
    private static PostgresException ServerError(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("08000")]
    [InlineData("08006")]
    [InlineData("53300")]
    [InlineData("53100")]
    [InlineData("57P01")]
    [InlineData("57P02")]
    [InlineData("57P03")]
    [InlineData("40001")]
    [InlineData("40P01")]
    public void Connection_resource_shutdown_serialization_and_deadlock_errors_are_transient(string sqlState) =>
        Assert.True(TransientFailures.IsTransient(ServerError(sqlState)));

    [Theory]
    [InlineData("42601")] // syntax error
    [InlineData("23505")] // unique violation
    [InlineData("28P01")] // wrong password
    [InlineData("57014")] // statement cancelled
    [InlineData("42P01")] // no such table
    public void Mistakes_and_refusals_are_not_transient(string sqlState) =>
        Assert.False(TransientFailures.IsTransient(ServerError(sqlState)));

    [Fact]
    public void Network_failures_reported_by_npgsql_are_transient_other_exceptions_are_not()
    {
        Assert.True(TransientFailures.IsTransient(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(TransientFailures.IsTransient(new NpgsqlException("Exception while reading", new IOException("reset"))));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("bug")));
        Assert.False(TransientFailures.IsTransient(new OperationCanceledException()));
    }

    [Fact]
    public void Only_connect_time_failures_count_as_nothing_sent()
    {
        Assert.True(TransientFailures.HappenedBeforeSending(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(TransientFailures.HappenedBeforeSending(ServerError("57P03")));
        Assert.True(TransientFailures.HappenedBeforeSending(ServerError("53300")));
        Assert.False(TransientFailures.HappenedBeforeSending(ServerError("57P01")));
        Assert.False(TransientFailures.HappenedBeforeSending(new NpgsqlException("Exception while reading", new IOException("reset"))));
        Assert.False(TransientFailures.HappenedBeforeSending(new NpgsqlException("timeout", new TimeoutException())));
    }
}
