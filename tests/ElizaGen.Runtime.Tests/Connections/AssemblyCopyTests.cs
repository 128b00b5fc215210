using System.Reflection;
using System.Runtime.Loader;
using ElizaGen.Runtime.Connections;

namespace ElizaGen.Runtime.Tests.Connections;

/// <summary>
/// A plugin host may load ElizaGen.Runtime twice (each plugin in its own AssemblyLoadContext). The data-source
/// registry lives in process-wide data, so both copies still share one pool per server.
/// </summary>
public sealed class AssemblyCopyTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_second_copy_of_the_runtime_assembly_shares_the_data_source()
    {
        var runtimePath = typeof(ElizaDatabase).Assembly.Location;
        var context = new SecondCopyContext(runtimePath);
        var copy = context.LoadFromAssemblyPath(runtimePath);
        Assert.NotSame(typeof(ElizaDatabase).Assembly, copy);

        var connectionString = fixture.Cluster.ConnectionString + ";Application Name=copies";
        await using var here = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = connectionString,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });

        var optionsType = copy.GetType(typeof(ElizaDatabaseOptions).FullName!, throwOnError: true)!;
        var options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty(nameof(ElizaDatabaseOptions.ConnectionString))!.SetValue(options, "postgres://postgres@/postgres?host=" + Uri.EscapeDataString(fixture.Cluster.SocketDirectory) + "&application_name=copies");
        var signalsProperty = optionsType.GetProperty(nameof(ElizaDatabaseOptions.ShutdownSignals))!;
        signalsProperty.SetValue(options, Enum.Parse(signalsProperty.PropertyType, nameof(ShutdownSignalBehavior.Ignore)));

        var databaseType = copy.GetType(typeof(ElizaDatabase).FullName!, throwOnError: true)!;
        var open = databaseType.GetMethod(nameof(ElizaDatabase.OpenAsync))!;
        var task = (Task)open.Invoke(null, [options, CancellationToken.None])!;
        await task;
        var there = task.GetType().GetProperty("Result")!.GetValue(task)!;
        try
        {
            Assert.NotEqual(typeof(ElizaDatabase), there.GetType());
            var thereDataSource = databaseType.GetProperty(nameof(ElizaDatabase.DataSource))!.GetValue(there);
            Assert.Same(here.DataSource, thereDataSource);
        }
        finally
        {
            await (Task)databaseType.GetMethod(nameof(ElizaDatabase.CloseAsync), Type.EmptyTypes)!.Invoke(there, null)!;
        }
    }

    /// <summary>Loads ElizaGen.Runtime again; everything else (Npgsql included) comes from the default context.</summary>
    private sealed class SecondCopyContext(string runtimePath) : AssemblyLoadContext("second-copy", isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == Path.GetFileNameWithoutExtension(runtimePath) ? LoadFromAssemblyPath(runtimePath) : null;
    }
}
