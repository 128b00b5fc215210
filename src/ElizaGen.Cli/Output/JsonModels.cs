using System.Text.Json;
using System.Text.Json.Serialization;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Diff;

namespace ElizaGen.Cli.Output;

/// <summary>One migration step as <c>--json</c> writes it.</summary>
internal sealed record StepJson(string Kind, string Class, string Sql, string Description, string? Schema, string? Table, string? Column)
{
    public static StepJson From(MigrationStep step) => new(
        step.Kind.ToString(), ClassName(step.Class), step.Sql, step.Description, step.Schema, step.Table, step.Column);

    public static IReadOnlyList<StepJson> From(IEnumerable<MigrationStep> steps) => steps.Select(From).ToArray();

    /// <summary><c>safe</c>, <c>warning</c> or <c>destructive</c>.</summary>
    public static string ClassName(StepClass value) => value switch
    {
        StepClass.Safe => "safe",
        StepClass.Warning => "warning",
        _ => "destructive",
    };
}

internal sealed record LastMigrationJson(int Id, string Hash, DateTimeOffset CreatedAt)
{
    public static LastMigrationJson? From(MigrationRecord? record) => record is null ? null : new(record.Id, record.Hash, record.CreatedAt);
}

internal sealed record StatusPluginJson(
    string Name, string Schema, string Hash, bool UpToDate, LastMigrationJson? LastMigration, int Snapshots,
    IReadOnlyList<StepJson> Pending, IReadOnlyList<StepJson> Drift);

internal sealed record StatusJson(string Server, string Source, IReadOnlyList<StatusPluginJson> Plugins);

internal sealed record CheckPluginJson(string Name, string Schema, bool Destructive, IReadOnlyList<string> Warnings, IReadOnlyList<StepJson> Steps);

internal sealed record CheckJson(string Server, string Source, bool Destructive, IReadOnlyList<CheckPluginJson> Plugins);

internal sealed record MigratePluginJson(
    string Name, string Outcome, long DurationMs, IReadOnlyList<StepJson> Steps, IReadOnlyList<string> Warnings, string? Error);

internal sealed record MigrateJson(string Server, string Source, bool DryRun, bool Succeeded, IReadOnlyList<MigratePluginJson> Plugins);

internal sealed record SnapshotFileJson(string Name, string Hash, string Snapshot, string CreateSql);

internal sealed record SnapshotJson(IReadOnlyList<SnapshotFileJson> Plugins);

internal sealed record DiagramJson(IReadOnlyList<string> Plugins, string Mermaid);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(CheckJson))]
[JsonSerializable(typeof(MigrateJson))]
[JsonSerializable(typeof(SnapshotJson))]
[JsonSerializable(typeof(DiagramJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

internal static class JsonOutput
{
    // SQL is full of double quotes: write them as \" rather than \u0022 (stdout is not HTML).
    private static readonly CliJsonContext Context = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes one JSON document and a newline to stdout.</summary>
    public static void Write<T>(Terminal terminal, T value)
    {
        var typeInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Context.GetTypeInfo(typeof(T))!;
        terminal.RawOut.WriteLine(JsonSerializer.Serialize(value, typeInfo));
    }
}
