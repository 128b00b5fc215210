using ElizaGen.Runtime.Connections;
using ElizaGen.Testing;

namespace ElizaGen.Reliability.Tests.PgBouncer;

/// <summary>
/// The test server (<see cref="PostgresFixture"/>) with one PgBouncer in transaction pooling mode in front of it,
/// shared by a test class; each test still makes its own database.
/// </summary>
public sealed class PgBouncerFixture : IAsyncLifetime
{
    /// <summary>Server connections per database: room for eight migrators waiting on a lock at once, and more.</summary>
    public const int PoolSize = 16;

    private PgBouncerServer? _bouncer;

    public PostgresFixture Postgres { get; } = new();

    internal PgBouncerServer Bouncer => _bouncer ?? throw new InvalidOperationException("The PgBouncer fixture is not initialised.");

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        _bouncer = await PgBouncerServer.StartAsync(Postgres.AdminConnectionString, PoolSize);
    }

    public async Task DisposeAsync()
    {
        if (_bouncer is not null) await _bouncer.DisposeAsync();
    }

    /// <summary>An <see cref="ElizaDatabase"/> that reaches <paramref name="database"/> through the PgBouncer (see <see cref="PgBouncerServer.OpenElizaDatabaseAsync"/>).</summary>
    public Task<ElizaDatabase> OpenThroughBouncerAsync(TestDatabase database, string applicationName = "ElizaGen", int maxPoolSize = 4) =>
        Bouncer.OpenElizaDatabaseAsync(database, applicationName, maxPoolSize);
}
