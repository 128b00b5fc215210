using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Embedded;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Connections;

/// <summary>No connection string: the databases of a process share one embedded server, stopped by the last close.</summary>
public sealed class EmbeddedDefaultTests
{
    [Fact]
    public async Task Databases_on_the_embedded_default_share_its_server_until_the_last_one_closes()
    {
        var dataDirectory = Path.Combine("/tmp", "egc-def-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new ElizaDatabaseOptions
        {
            Embedded = new EmbeddedPostgresOptions { DataDirectory = dataDirectory },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        };
        try
        {
            var first = await ElizaDatabase.OpenAsync(options);
            var second = await ElizaDatabase.OpenAsync(options);
            var pidFile = Directory.GetFiles(dataDirectory, "postmaster.pid", SearchOption.AllDirectories).Single();

            Assert.Equal(ConnectionSource.Embedded, first.Source);
            Assert.Same(first.DataSource, second.DataSource);

            await first.CloseAsync();
            Assert.True(File.Exists(pidFile), "the server keeps running while a database still uses it");
            Assert.Equal(1, await second.ExecuteAsync(OperationKind.Read, async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                return (int)(await command.ExecuteScalarAsync(ct))!;
            }));

            await second.CloseAsync();
            Assert.False(File.Exists(pidFile), "the last close stops the embedded server");
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
