using System.Text;
using ElizaGen.Schema.Diff;

namespace ElizaGen.Runtime.Migrations;

/// <summary>The base of the migrator's errors.</summary>
public class MigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationException(string pluginName, string message, Exception? inner = null) : base(message, inner) => PluginName = pluginName;

    /// <summary>The plugin whose migration this is about.</summary>
    public string PluginName { get; }
}

/// <summary>A plan with destructive steps was refused: nothing was changed.</summary>
public sealed class DestructiveMigrationBlockedException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public DestructiveMigrationBlockedException(string pluginName, IReadOnlyList<MigrationStep> destructiveSteps, string? productionVariable)
        : base(pluginName, BuildMessage(pluginName, destructiveSteps, productionVariable))
    {
        DestructiveSteps = destructiveSteps;
        IsProduction = productionVariable is not null;
    }

    /// <summary>Every destructive step of the plan.</summary>
    public IReadOnlyList<MigrationStep> DestructiveSteps { get; }

    /// <summary>True when the environment said Production.</summary>
    public bool IsProduction { get; }

    private static string BuildMessage(string pluginName, IReadOnlyList<MigrationStep> steps, string? productionVariable)
    {
        var text = new StringBuilder();
        text.Append("Destructive migration blocked for plugin '").Append(pluginName).Append("': ")
            .Append(steps.Count).Append(steps.Count == 1 ? " step" : " steps").AppendLine(" would lose data:");
        foreach (var step in steps) text.Append("  - ").Append(step.Description.TrimEnd('.')).Append(": ").AppendLine(step.Sql);
        if (productionVariable is not null)
        {
            text.Append("This is a production environment (").Append(productionVariable).AppendLine("=Production). ")
                .AppendLine("Back up the database, review the steps above, then migrate once with MigrationOptions.Force = true")
                .Append("(or ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS=true for that one run).");
        }
        else
        {
            text.AppendLine("Nothing was changed. To apply these steps, run with MigrationOptions.Force = true")
                .Append("or set the environment variable ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS=true; or change the schema so that no data is lost.");
        }
        return text.ToString();
    }
}

/// <summary>A statement of the plan failed: the whole plugin's migration was rolled back.</summary>
public sealed class MigrationStatementException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public MigrationStatementException(string pluginName, string statement, Npgsql.PostgresException inner)
        : base(pluginName, BuildMessage(pluginName, statement, inner), inner)
    {
        Statement = statement;
        SqlState = inner.SqlState;
        Position = inner.Position;
    }

    /// <summary>The failing SQL statement.</summary>
    public string Statement { get; }

    /// <summary>PostgreSQL's SQLSTATE.</summary>
    public string SqlState { get; }

    /// <summary>PostgreSQL's 1-based character position in the statement, 0 when none.</summary>
    public int Position { get; }

    private static string BuildMessage(string pluginName, string statement, Npgsql.PostgresException e)
    {
        var text = new StringBuilder();
        text.Append("Migration of plugin '").Append(pluginName).Append("' failed and was rolled back; nothing was changed. ")
            .Append("PostgreSQL said: ").Append(e.MessageText).Append(" (SQLSTATE ").Append(e.SqlState).Append(')');
        if (!string.IsNullOrEmpty(e.Detail)) text.Append(". Detail: ").Append(e.Detail);
        text.AppendLine().Append("Statement: ").Append(statement);
        if (e.Position > 0) text.Append(" (at character ").Append(e.Position).Append(')');
        if (e.SqlState is "23505" or "23502" or "23503" or "23514" or "22P02")
        {
            text.AppendLine().Append("Existing rows violate the change: fix or remove them, then start again.");
        }
        return text.ToString();
    }
}

/// <summary>Thrown by <see cref="Migrator.MigrateAsync(IEnumerable{ElizaGen.Schema.PluginSchema}, MigrationOptions?, CancellationToken)"/> when one or more plugins were blocked or failed.</summary>
public sealed class MigrationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationFailedException(MigrationReport report)
        : base(BuildMessage(report), report.Plugins.Select(p => p.Error).FirstOrDefault(e => e is not null))
        => Report = report;

    /// <summary>The full report: every plugin, including those that succeeded.</summary>
    public MigrationReport Report { get; }

    private static string BuildMessage(MigrationReport report)
    {
        var text = new StringBuilder("Migration did not complete for every plugin:");
        foreach (var p in report.Plugins)
        {
            text.AppendLine().Append("- ").Append(p.PluginName).Append(": ").Append(p.Outcome);
            if (p.Error is not null) text.AppendLine().Append("  ").Append(p.Error.Message.Replace("\n", "\n  ", StringComparison.Ordinal));
        }
        return text.ToString();
    }
}
