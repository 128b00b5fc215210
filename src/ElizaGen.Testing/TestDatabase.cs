using Npgsql;

namespace ElizaGen.Testing;

/// <summary>
/// A fresh database on the test server, with the <c>vector</c> extension created, dropped on dispose (sessions
/// still connected to it are ended).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private bool _dropped;

    internal TestDatabase(string name, string connectionString, string adminConnectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
    }

    /// <summary>The database's name: <c>eg_test_</c> and 16 random hex digits.</summary>
    public string Name { get; }

    /// <summary>Npgsql connection string of this database (the server's admin credentials).</summary>
    public string ConnectionString { get; }

    /// <summary>Drops the database WITH (FORCE); safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dropped)
            return;
        _dropped = true;
        using (var own = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(own);
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
