using Npgsql;

namespace ElizaGen.Runtime.Migrations;

/// <summary>Creates the PostgreSQL extensions a schema needs (vector, fuzzystrmatch…) with a clear error when one is not installed.</summary>
internal static class Extensions
{
    public static async Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> names, CancellationToken ct)
    {
        foreach (var name in names)
        {
            await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = $1)", connection, transaction))
            {
                exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
                if ((bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!) continue;
            }
            // Concurrent CREATE EXTENSION IF NOT EXISTS can collide; serialise creators of the same extension.
            await AdvisoryLocks.AcquireTransactionLockAsync(connection, transaction, "extension " + name, ct).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE EXTENSION IF NOT EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection, transaction);
            try
            {
                await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState is "58P01" or "0A000" or "42704")
            {
                throw new MigrationException(string.Empty,
                    $"The PostgreSQL extension '{name}' is not installed on the server ({e.MessageText}). " +
                    (name == "vector"
                        ? "Install pgvector for this PostgreSQL version: on Debian/Ubuntu run eng/setup-postgres.sh as root (or apt-get install postgresql-NN-pgvector)."
                        : $"Install the package that provides it (for '{name}': the PostgreSQL contrib package), then start again."), e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new MigrationException(string.Empty,
                    $"Creating the PostgreSQL extension '{name}' needs more privileges than this role has ({e.MessageText}). " +
                    $"Run CREATE EXTENSION \"{name}\"; once as a superuser in this database, then start again.", e);
            }
        }
    }
}
