// TEMPORARY (branch `connections` only): the public shape of the embedded server, written in parallel on another
// branch, so the connections code compiles. Deleted before `connections` merges main's real implementation.
using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Embedded;

/// <summary>Settings of the embedded server (shape only; the real type lands from the embedded branch).</summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>Data directory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>PostgreSQL binaries.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Logger.</summary>
    public ILogger? Logger { get; init; }
}

/// <summary>The embedded server (shape only; the real type lands from the embedded branch).</summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private EmbeddedPostgres()
    {
    }

    /// <summary>Connection string.</summary>
    public string ConnectionString => throw new NotSupportedException();

    /// <summary>Data directory.</summary>
    public string DataDirectory => throw new NotSupportedException();

    /// <summary>Whether this process started the server.</summary>
    public bool OwnsServer => throw new NotSupportedException();

    /// <summary>Starts the server.</summary>
    public static Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions? options = null, CancellationToken ct = default) =>
        throw new NotSupportedException("The embedded server is not merged into this branch yet.");

    /// <summary>Stops the server.</summary>
    public Task StopAsync() => throw new NotSupportedException();

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => throw new NotSupportedException();
}
