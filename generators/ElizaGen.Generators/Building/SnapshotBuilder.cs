using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ElizaGen.Generators.Model;
using ElizaGen.Schema;
using ElizaGen.Schema.Naming;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Generators.Building;

/// <summary>Turns a table spec into its part of the snapshot, in the plugin's schema.</summary>
internal static class SnapshotBuilder
{
    public static TableSnapshot Table(TableSpec table, string schema)
    {
        var singleKey = table.PrimaryKey.Count == 1 ? table.PrimaryKey[0] : null;
        var columns = table.Columns.Select(c => new ColumnSnapshot(
            c.ColumnName,
            c.SqlType,
            PrimaryKey: c.ColumnName == singleKey,
            NotNull: c.NotNull,
            Default: c.Default,
            TypeSchema: c.Kind == ValueKind.PgEnum ? schema : null));

        var indexes = table.Indexes.Select(i => new IndexSnapshot(
                i.Name,
                i.Parts.Select(p => new IndexColumnSnapshot(p.Text, p.IsExpression, Asc: !i.Descending, Nulls: i.Descending ? "first" : "last")).ToEquatableArray(),
                i.IsUnique,
                i.Method,
                i.Where))
            .Concat(table.Columns.Where(c => c.VectorIndex is not null).Select(c => VectorIndex(c, c.VectorIndex!)));

        var foreignKeys = table.ForeignKeys.Select(f => new ForeignKeySnapshot(
            f.Name,
            table.TableName,
            EquatableArray.Create(f.Column),
            f.TargetSchema ?? schema,
            f.TargetTable,
            EquatableArray.Create(f.TargetColumn),
            f.OnDelete,
            f.OnUpdate));

        var compositeKeys = table.PrimaryKey.Count > 1
            ? new[] { new PrimaryKeySnapshot(ConstraintNames.PrimaryKey(table.TableName, table.PrimaryKey), table.PrimaryKey) }
            : Array.Empty<PrimaryKeySnapshot>();

        return new TableSnapshot(
            schema,
            table.TableName,
            columns.ToEquatableArray(),
            indexes.ToEquatableArray(),
            foreignKeys.ToEquatableArray(),
            compositeKeys,
            table.Uniques.Select(u => new UniqueConstraintSnapshot(u.Name, u.Columns, u.NullsNotDistinct)).ToEquatableArray(),
            table.Checks.Select(c => new CheckConstraintSnapshot(c.Name, c.Expression)).ToEquatableArray());
    }

    public static IEnumerable<EnumSnapshot> Enums(TableSpec table, string schema)
        => table.Enums.Select(e => new EnumSnapshot(schema, e.Name, e.Labels));

    /// <summary>The operator class of a metric for a vector or halfvec key.</summary>
    public static string OperatorClass(VectorMetricKind metric, bool half)
        => (half ? "halfvec_" : "vector_") + metric switch
        {
            VectorMetricKind.L2 => "l2_ops",
            VectorMetricKind.InnerProduct => "ip_ops",
            _ => "cosine_ops",
        };

    /// <summary>The distance operator of a metric.</summary>
    public static string DistanceOperator(VectorMetricKind metric) => metric switch
    {
        VectorMetricKind.L2 => "<->",
        VectorMetricKind.InnerProduct => "<#>",
        _ => "<=>",
    };

    /// <summary>The halfvec cast of a wide vector column indexed at half precision: <c>"col"::halfvec(n)</c>.</summary>
    public static string HalfCast(string quotedColumn, int dimensions)
        => quotedColumn + "::halfvec(" + dimensions.ToString(CultureInfo.InvariantCulture) + ")";

    private static IndexSnapshot VectorIndex(ColumnSpec column, VectorIndexSpec index)
    {
        var halfColumn = column.Kind == ValueKind.HalfVector;
        var part = index.HalfPrecision
            ? new IndexColumnSnapshot("(" + HalfCast(SqlText.QuoteIdentifier(column.ColumnName), column.VectorDimensions) + ")", IsExpression: true, Opclass: OperatorClass(index.Metric, half: true))
            : new IndexColumnSnapshot(column.ColumnName, Opclass: OperatorClass(index.Metric, halfColumn));
        var with = new List<IndexParameter>();
        if (index.EfConstruction > 0) with.Add(new IndexParameter("ef_construction", index.EfConstruction.ToString(CultureInfo.InvariantCulture)));
        if (index.M > 0) with.Add(new IndexParameter("m", index.M.ToString(CultureInfo.InvariantCulture)));
        return new IndexSnapshot(index.Name, EquatableArray.Create(part), Method: "hnsw", With: with.ToEquatableArray());
    }
}
