using ElizaGen.Runtime.Connections;
using ElizaGen.Tests.SamplePlugin;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ElizaGen.Hosting.Tests;

/// <summary>How AddRepository builds repositories. Opening an external database connects nowhere yet, so no server is needed.</summary>
public sealed class RepositoryRegistrationTests
{
    [Fact]
    public async Task The_executor_constructor_is_preferred_so_calls_go_through_the_resilience_pipeline()
    {
        await using var provider = Provider(b => b.AddRepository<BothConstructors>());

        var repository = provider.GetRequiredService<BothConstructors>();

        Assert.Same(provider.GetRequiredService<ElizaDatabase>(), repository.Executor);
        Assert.Same(repository, provider.GetRequiredService<BothConstructors>());
    }

    [Fact]
    public async Task A_type_with_only_a_data_source_constructor_gets_the_database_data_source_and_other_parameters_from_the_container()
    {
        await using var provider = Provider(b => b.AddRepository<DataSourceOnly>(), services => services.AddSingleton(new Clock("utc")));

        var repository = provider.GetRequiredService<DataSourceOnly>();

        Assert.Same(provider.GetRequiredService<ElizaDatabase>().DataSource, repository.DataSource);
        Assert.Equal("utc", repository.Clock.Name);
    }

    [Fact]
    public async Task Generated_repositories_and_the_executor_resolve_from_the_container()
    {
        await using var provider = Provider(b => b.AddRepository<NoteRepository>().AddRepository<NotebookRepository>());

        Assert.NotNull(provider.GetRequiredService<NoteRepository>());
        Assert.NotNull(provider.GetRequiredService<NotebookRepository>());
        Assert.Same(provider.GetRequiredService<ElizaDatabase>(), provider.GetRequiredService<IDatabaseExecutor>());
    }

    [Fact]
    public void A_type_without_either_constructor_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddElizaGen().AddRepository<Clock>());

        Assert.Contains("IDatabaseExecutor or an NpgsqlDataSource", error.Message);
    }

    private static ServiceProvider Provider(Action<ElizaGenBuilder> configure, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        configure(services.AddElizaGen(o => o.ConnectionString = "Host=db.invalid;Database=nothing"));
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public sealed class BothConstructors
    {
        public BothConstructors(NpgsqlDataSource dataSource) => DataSource = dataSource;

        public BothConstructors(IDatabaseExecutor executor) => Executor = executor;

        public NpgsqlDataSource? DataSource { get; }

        public IDatabaseExecutor? Executor { get; }
    }

    public sealed class DataSourceOnly(NpgsqlDataSource dataSource, Clock clock)
    {
        public NpgsqlDataSource DataSource { get; } = dataSource;

        public Clock Clock { get; } = clock;
    }

    public sealed record Clock(string Name);
}
