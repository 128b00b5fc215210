using ElizaGen.Cli.Output;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Embedded;
using Npgsql;

namespace ElizaGen.Cli.Commands;

/// <summary>
/// Runs a command's body and turns what goes wrong into one line on stderr and an exit code: 1 for errors, 130 when
/// interrupted. Unexpected exceptions are named with their type, since a user cannot fix what is not explained.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(bool json, Func<Terminal, Task<int>> body)
    {
        var terminal = Terminal.ForProcess(json);
        try
        {
            return await body(terminal).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            terminal.Error("interrupted; nothing half-done was kept (a running migration is rolled back).");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is CliException or InvalidConnectionStringException or EmbeddedPostgresException)
        {
            terminal.Error(e.Message);
            return ExitCodes.Error;
        }
        catch (Exception e)
        {
            terminal.Error($"unexpected {e.GetType().Name}: {e.Message}");
            return ExitCodes.Error;
        }
    }

    /// <summary>
    /// Opens the database (<c>--connection</c>, else POSTGRES_URL, DATABASE_URL or the embedded server) and runs
    /// <paramref name="work"/> on it; a server that does not answer becomes a <see cref="CliException"/> naming it.
    /// </summary>
    public static async Task<T> WithDatabaseAsync<T>(Terminal terminal, string? connection, Func<ElizaDatabase, Task<T>> work)
    {
        var database = await terminal.RunAsync("Opening the database…", () => ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = string.IsNullOrWhiteSpace(connection) ? null : connection,
            // Ctrl+C cancels the command's token; the database closes when the command ends.
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        })).ConfigureAwait(false);
        await using (database.ConfigureAwait(false))
        {
            try
            {
                return await work(database).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException { InnerException: not OperationCanceledException } or TimeoutException)
            {
                throw new CliException(
                    $"PostgreSQL at {database.Server} (from {Describe(database.Source)}) did not answer ({e.Message.TrimEnd('.')}). " +
                    "Check that the server runs and that --connection (or POSTGRES_URL) points at it.", e);
            }
        }
    }

    public static string Describe(ConnectionSource source) => source switch
    {
        ConnectionSource.Options => "--connection",
        ConnectionSource.PostgresUrlVariable => "POSTGRES_URL",
        ConnectionSource.DatabaseUrlVariable => "DATABASE_URL",
        _ => "the embedded server",
    };
}
