// Opens an ElizaDatabase (POSTGRES_URL, or the embedded server under ELIZA_DATA_DIR) with the default shutdown
// behaviour, then writes from four workers forever. Only the library's signal handling can end it: workers that
// find the database closed wait for good instead of returning.
// With "return-after-work" it instead returns from Main once it is working and a line arrives on stdin (the test
// reads the server's pid first), leaving the database open: process exit must then close it.
// Usage: ElizaGen.Runtime.Tests.ShutdownProbe <application-name> [return-after-work]
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;
using Npgsql;

var applicationName = args.Length > 0 ? args[0] : "shutdown-probe";
var returnAfterWork = args.Length > 1 && args[1] == "return-after-work";
var working = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
{
    Pool = new ConnectionPoolOptions { ApplicationName = applicationName },
});
Console.WriteLine($"OPENED {database.Source}");

await database.ExecuteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
{
    await using var create = new NpgsqlCommand(
        "CREATE TABLE IF NOT EXISTS probe_work(id bigserial PRIMARY KEY, worker int NOT NULL, at timestamptz NOT NULL DEFAULT now())",
        connection);
    return await create.ExecuteNonQueryAsync(ct);
});

var written = 0;
var workers = Task.WhenAll(Enumerable.Range(0, 4).Select(WorkAsync));
if (returnAfterWork)
{
    await working.Task;
    await Console.In.ReadLineAsync();
    Console.WriteLine("RETURNING");
    return 0;
}

await workers;
return 3; // Unreachable: the workers never return.

async Task WorkAsync(int worker)
{
    while (true)
    {
        try
        {
            await database.ExecuteAsync(OperationKind.NonIdempotentWrite, worker, static async (connection, worker, ct) =>
            {
                await using var insert = new NpgsqlCommand("INSERT INTO probe_work(worker) SELECT $1 FROM pg_sleep(0.05)", connection);
                insert.Parameters.AddWithValue(worker);
                return await insert.ExecuteNonQueryAsync(ct);
            });

            if (Interlocked.Increment(ref written) == 8)
            {
                Console.WriteLine("WORKING");
                working.TrySetResult();
            }
        }
        catch (ObjectDisposedException)
        {
            await Task.Delay(Timeout.Infinite);
        }
    }
}
