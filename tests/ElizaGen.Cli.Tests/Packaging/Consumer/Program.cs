// Opens the server in POSTGRES_URL, migrates the plugin with the schema the generator made at compile time, writes and
// counts a row through the generated repository. Prints "hash <hash>" and "notes <count>".
using Consumer;
using ElizaGen.Runtime.Connections;

await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ShutdownSignals = ShutdownSignalBehavior.Ignore });
var report = await database.Migrator.MigrateAsync(PackTestPluginNotesSchema.Plugin);
Console.WriteLine($"migration {report[PackTestPluginNotesSchema.Plugin.Name].Outcome}");

var notes = new NoteRepository(database);
await notes.InsertAsync(new Note(Guid.NewGuid(), "written from a package", null));
Console.WriteLine($"hash {PackTestPluginNotesSchema.Hash}");
Console.WriteLine($"notes {await notes.CountAsync()}");
