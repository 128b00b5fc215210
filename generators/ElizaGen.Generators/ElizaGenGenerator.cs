using System;
using System.Linq;
using ElizaGen.Generators.Building;
using ElizaGen.Generators.Diagnostics;
using ElizaGen.Generators.Emitting;
using ElizaGen.Generators.Model;
using ElizaGen.Generators.Parsing;
using ElizaGen.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ElizaGen.Generators;

/// <summary>
/// The ElizaGen incremental generator: [Table] types → parse → equatable specs → emit (repositories, the
/// additions to the table types, the plugin's schema class), with diagnostics on their own outputs.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ElizaGenGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (tests check their caching).</summary>
    public static class Steps
    {
        public const string PluginInfo = nameof(PluginInfo);
        public const string SchemaClasses = nameof(SchemaClasses);
        public const string PluginContext = nameof(PluginContext);
        public const string Tables = nameof(Tables);
        public const string TableDiagnostics = nameof(TableDiagnostics);
        public const string TableOutputs = nameof(TableOutputs);
        public const string PluginModel = nameof(PluginModel);
        public const string PluginDiagnostics = nameof(PluginDiagnostics);
        public const string PluginSchema = nameof(PluginSchema);
    }

    private readonly Action<string>? _probe;

    /// <summary>The generator as the compiler creates it.</summary>
    public ElizaGenGenerator()
    {
    }

    /// <summary>For tests: <paramref name="probe"/> is called at each stage and may throw to simulate a failure.</summary>
    internal ElizaGenGenerator(Action<string> probe) => _probe = probe;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var probe = _probe;

        var pluginInfo = context.CompilationProvider
            .Select(static (compilation, ct) => PluginInfoReader.Read(compilation, ct))
            .WithTrackingName(Steps.PluginInfo);

        var schemaClasses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.PluginSchema, SchemaClassParser.IsCandidate, static (ctx, ct) => SchemaClassParser.Parse(ctx, ct))
            .WithTrackingName(Steps.SchemaClasses)
            .Collect();

        var pluginContext = pluginInfo
            .Combine(schemaClasses)
            .Select((pair, _) => Guard(probe, "plugin", () => PluginContextBuilder.Build(pair.Left, pair.Right),
                failure => new PluginContextResult(null, true, EquatableArray.Create(failure))))
            .WithTrackingName(Steps.PluginContext);

        var tables = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Table, TableParser.IsCandidate, (ctx, ct) => TableParser.Parse(ctx, probe, ct))
            .WithTrackingName(Steps.Tables);

        var tableDiagnostics = tables
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(Steps.TableDiagnostics);
        context.RegisterSourceOutput(tableDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

        var tableOutputs = tables
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Combine(pluginContext.Select(static (result, _) => result.Context))
            .WithTrackingName(Steps.TableOutputs);
        context.RegisterSourceOutput(tableOutputs, (spc, pair) => EmitTable(spc, pair.Left!, pair.Right, probe));

        var pluginModel = tables
            .Collect()
            .Combine(pluginContext)
            .Select((pair, _) => Guard(probe, "model", () => PluginModelBuilder.Build(pair.Left, pair.Right),
                failure => new PluginModelResult(null, EquatableArray.Create(failure))))
            .WithTrackingName(Steps.PluginModel);

        var pluginDiagnostics = pluginContext
            .Select(static (result, _) => result.Diagnostics)
            .Combine(pluginModel.Select(static (result, _) => result.Diagnostics))
            .Select(static (pair, _) => pair.Left.Concat(pair.Right).ToEquatableArray())
            .WithTrackingName(Steps.PluginDiagnostics);
        context.RegisterSourceOutput(pluginDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

        var pluginSchema = pluginModel
            .Select(static (result, _) => result.Model)
            .WithTrackingName(Steps.PluginSchema);
        context.RegisterSourceOutput(pluginSchema, (spc, model) => EmitPlugin(spc, model, probe));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics) context.ReportDiagnostic(diagnostic.ToDiagnostic());
    }

    private static void EmitTable(SourceProductionContext context, TableSpec table, PluginContext? plugin, Action<string>? probe)
    {
        // Without a usable plugin there is no schema to put the table in; EG0012 (or the plugin's own error) says why.
        if (plugin is null) return;
        // A jsonb column of a serialized type needs the plugin's JSON context; EG0017 reports its absence.
        if (plugin.JsonContextType is null && table.Columns.Any(c => c.Kind == ValueKind.JsonTyped)) return;
        try
        {
            probe?.Invoke("emit:" + table.TypeName);
            var hint = HintName(table.Namespace, table.TypeName);
            context.AddSource(hint + ".Table.g.cs", SourceText.From(TablePartialEmitter.Emit(table, plugin), System.Text.Encoding.UTF8));
            context.AddSource(hint + "Repository.g.cs", SourceText.From(RepositoryEmitter.Emit(table, plugin), System.Text.Encoding.UTF8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Failure("emitting the repository of '" + table.TypeName + "'", e, table.Location).ToDiagnostic());
        }
    }

    private static void EmitPlugin(SourceProductionContext context, PluginModel? model, Action<string>? probe)
    {
        if (model is null) return;
        try
        {
            probe?.Invoke("emit:plugin");
            var hint = HintName(model.Plugin.SchemaClassNamespace, model.Plugin.SchemaClassName);
            context.AddSource(hint + ".g.cs", SourceText.From(PluginSchemaEmitter.Emit(model), System.Text.Encoding.UTF8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Failure("emitting the schema class of plugin '" + model.Plugin.Name + "'", e, null).ToDiagnostic());
        }
    }

    private static T Guard<T>(Action<string>? probe, string stage, Func<T> run, Func<DiagnosticInfo, T> fail)
    {
        try
        {
            probe?.Invoke(stage);
            return run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return fail(Failure(stage == "plugin" ? "reading the plugin declaration" : "building the plugin's schema", e, null));
        }
    }

    private static DiagnosticInfo Failure(string doing, Exception exception, LocationInfo? location)
        => DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, location, doing, exception.GetType().FullName ?? "Exception", exception.Message);

    private static string HintName(string ns, string type) => (ns.Length == 0 ? type : ns + "." + type).Replace('@', '_');
}
