using System.Globalization;
using System.Text.Json;
using ElizaGen.Schema;
using ElizaGen.Schema.Naming;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Runtime.Snapshots;

/// <summary>
/// Reads a drizzle-kit PostgreSQL snapshot (version "7") into a <see cref="SchemaSnapshot"/>: the canonical
/// form ElizaGen writes, the snapshots <c>@elizaos/plugin-sql</c> stores in <c>migrations._snapshots</c>, and
/// those drizzle-kit writes. Built on <see cref="JsonDocument"/> only (no reflection), so it is safe under
/// NativeAOT and trimming.
/// </summary>
/// <remarks>
/// <para>Lenient where the writers differ: keys in any order; unknown keys ignored (also drizzle-kit's
/// <c>id</c>/<c>prevId</c>, <c>policies</c>, <c>isRLSEnabled</c>, <c>sequences</c>, <c>roles</c>, <c>views</c>,
/// <c>_meta</c>, a column's <c>identity</c> and a foreign key's <c>schemaFrom</c>, which the model does not
/// hold); a table or enum schema of <c>""</c> (drizzle-kit's spelling) or a missing one means the schema of its
/// <c>schema.name</c> key, else <c>public</c>; missing optional fields take drizzle-kit's defaults (index method
/// <c>btree</c>, key part ascending with nulls last, or nulls first when descending; foreign key actions
/// <c>no action</c>, <c>schemaTo</c> <c>public</c>; missing maps empty); a column's <c>isUnique</c> /
/// <c>uniqueName</c> / <c>nullsNotDistinct</c> become a unique constraint (named <c>uniqueName</c>, else
/// drizzle's <c>&lt;table&gt;_&lt;column&gt;_unique</c>) unless one of that name is already listed; a default or
/// storage parameter given as a JSON number or boolean becomes its SQL text (<c>0</c>, <c>true</c>).</para>
/// <para>Index and constraint names longer than 63 bytes are cut as PostgreSQL cuts them
/// (<see cref="Identifier.TruncateToMaxBytes"/>): drizzle writes the long name, the database holds the cut one,
/// and the cut one is what later statements must name.</para>
/// <para>Strict about the rest: malformed JSON, a version other than "7", a dialect other than
/// "postgresql", a field of the wrong JSON type, two items with one name in a map, or a generated column that is
/// not <c>stored</c> throw <see cref="SnapshotFormatException"/>.</para>
/// </remarks>
public static class SnapshotJsonReader
{
    private const string Public = SchemaSnapshot.PublicSchema;

    /// <summary>Reads a snapshot from its JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The snapshot, in canonical order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="SnapshotFormatException">The text is not a readable version "7" PostgreSQL snapshot.</exception>
    public static SchemaSnapshot Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (l + 1).ToString(CultureInfo.InvariantCulture) : "?";
            var position = ex.BytePositionInLine is { } p ? (p + 1).ToString(CultureInfo.InvariantCulture) : "?";
            throw new SnapshotFormatException(
                $"Cannot read the schema snapshot: it is not valid JSON (line {line}, byte {position}: {ex.Message}). " +
                "Pass the complete JSON text of a drizzle-kit PostgreSQL snapshot, as stored in migrations._snapshots.snapshot.",
                "$",
                ex);
        }
        using (document)
        {
            return ReadRoot(document.RootElement);
        }
    }

    private static SchemaSnapshot ReadRoot(JsonElement root)
    {
        const string path = "$";
        RequireKind(root, JsonValueKind.Object, path, "the snapshot must be a JSON object");
        CheckVersion(root);
        CheckDialect(root);

        var tables = new List<TableSnapshot>();
        var tableKeys = new NameSet("$.tables", "tables");
        foreach (var (key, element, tablePath) in Map(root, "tables", path))
        {
            var table = ReadTable(key, element, tablePath);
            tableKeys.Add(table.Key, tablePath);
            tables.Add(table);
        }

        var enums = new List<EnumSnapshot>();
        var enumKeys = new NameSet("$.enums", "enum types");
        foreach (var (key, element, enumPath) in Map(root, "enums", path))
        {
            var e = ReadEnum(key, element, enumPath);
            enumKeys.Add(e.Schema + "." + e.Name, enumPath);
            enums.Add(e);
        }

        var schemas = new List<string>();
        foreach (var (key, _, _) in Map(root, "schemas", path))
        {
            if (key.Length > 0) schemas.Add(key);
        }

        return SchemaSnapshot.Create(tables, enums, schemas);
    }

    private static void CheckVersion(JsonElement root)
    {
        const string path = "$.version";
        if (!root.TryGetProperty("version", out var version))
        {
            throw Fail(path, "there is no \"version\"", "A drizzle-kit PostgreSQL snapshot starts with \"version\":\"7\"; pass such a snapshot.");
        }
        if (version.ValueKind != JsonValueKind.String || version.GetString() != SchemaSnapshot.FormatVersion)
        {
            throw Fail(
                path,
                $"the snapshot has version {version.GetRawText()}, and only version \"7\" (a JSON string) is supported",
                "Upgrade older drizzle-kit snapshots with `drizzle-kit up`, or let the plugin migrate once to store a version 7 snapshot.");
        }
    }

    private static void CheckDialect(JsonElement root)
    {
        const string path = "$.dialect";
        if (!root.TryGetProperty("dialect", out var dialect))
        {
            throw Fail(path, "there is no \"dialect\"", "A PostgreSQL snapshot has \"dialect\":\"postgresql\"; pass such a snapshot.");
        }
        if (dialect.ValueKind != JsonValueKind.String || dialect.GetString() != SchemaSnapshot.PostgresDialect)
        {
            throw Fail(
                path,
                $"the snapshot's dialect is {dialect.GetRawText()}, and only \"postgresql\" is supported",
                "ElizaGen migrates PostgreSQL only; pass a snapshot of a PostgreSQL schema.");
        }
    }

    private static TableSnapshot ReadTable(string key, JsonElement table, string path)
    {
        RequireKind(table, JsonValueKind.Object, path, "a table must be a JSON object");
        var name = OptionalString(table, "name", path) ?? NameFromKey(key);
        var schema = SchemaOrDefault(OptionalString(table, "schema", path), key);

        var columns = new List<ColumnSnapshot>();
        var columnNames = new NameSet(path + ".columns", "columns");
        var columnUniques = new List<UniqueConstraintSnapshot>();
        foreach (var (columnKey, element, columnPath) in Map(table, "columns", path))
        {
            var column = ReadColumn(columnKey, element, columnPath);
            columnNames.Add(column.Name, columnPath);
            columns.Add(column);
            var unique = ReadColumnUnique(name, column.Name, element, columnPath);
            if (unique is not null) columnUniques.Add(unique);
        }

        var indexes = ReadNamed(table, "indexes", path, "indexes", ReadIndex, i => i.Name);
        var foreignKeys = ReadNamed(table, "foreignKeys", path, "foreign keys", (k, e, p) => ReadForeignKey(k, e, p, name), f => f.Name);
        var primaryKeys = ReadNamed(table, "compositePrimaryKeys", path, "primary keys", ReadPrimaryKey, pk => pk.Name);
        var uniques = ReadNamed(table, "uniqueConstraints", path, "unique constraints", ReadUnique, u => u.Name);
        var checks = ReadNamed(table, "checkConstraints", path, "check constraints", ReadCheck, c => c.Name);

        foreach (var unique in columnUniques)
        {
            if (!uniques.Any(u => u.Name == unique.Name)) uniques.Add(unique);
        }

        return new TableSnapshot(
            schema,
            name,
            columns.ToEquatableArray(),
            indexes.ToEquatableArray(),
            foreignKeys.ToEquatableArray(),
            primaryKeys.ToEquatableArray(),
            uniques.ToEquatableArray(),
            checks.ToEquatableArray());
    }

    private static ColumnSnapshot ReadColumn(string key, JsonElement column, string path)
    {
        RequireKind(column, JsonValueKind.Object, path, "a column must be a JSON object");
        var name = OptionalString(column, "name", path) ?? key;
        var type = RequiredString(column, "type", path, "Every column needs its SQL type, e.g. \"type\":\"text\".");
        var typeSchema = OptionalString(column, "typeSchema", path);
        if (typeSchema is { Length: 0 }) typeSchema = Public;
        return new ColumnSnapshot(
            name,
            type,
            PrimaryKey: OptionalBool(column, "primaryKey", path, false),
            NotNull: OptionalBool(column, "notNull", path, false),
            Default: OptionalSqlLiteral(column, "default", path),
            TypeSchema: typeSchema,
            Generated: ReadGenerated(column, path));
    }

    private static GeneratedColumnSnapshot? ReadGenerated(JsonElement column, string columnPath)
    {
        if (!column.TryGetProperty("generated", out var generated) || generated.ValueKind == JsonValueKind.Null) return null;
        var path = columnPath + ".generated";
        RequireKind(generated, JsonValueKind.Object, path, "\"generated\" must be an object {\"as\":…,\"type\":\"stored\"}");
        var expression = RequiredString(generated, "as", path, "A generated column needs its expression in \"as\".");
        var kind = OptionalString(generated, "type", path);
        if (kind is not null && kind != "stored")
        {
            throw Fail(
                path + ".type",
                $"the generated column is \"{kind}\", and only \"stored\" generated columns are supported",
                "Make it a stored generated column (GENERATED ALWAYS AS (…) STORED).");
        }
        return new GeneratedColumnSnapshot(expression);
    }

    /// <summary>A column-level unique flag (drizzle-kit's <c>isUnique</c>/<c>uniqueName</c>), as a constraint.</summary>
    private static UniqueConstraintSnapshot? ReadColumnUnique(string table, string column, JsonElement element, string path)
    {
        if (!element.TryGetProperty("isUnique", out var isUnique)) return null;
        var unique = isUnique.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => isUnique.GetString()!.Length > 0,
            _ => throw Fail(path + ".isUnique", $"\"isUnique\" is {isUnique.GetRawText()}, not a boolean", "Write true or false."),
        };
        if (!unique) return null;
        var name = OptionalString(element, "uniqueName", path) ?? ConstraintNames.Unique(table, new[] { column });
        return new UniqueConstraintSnapshot(
            Identifier.TruncateToMaxBytes(name),
            EquatableArray.Create(column),
            OptionalBool(element, "nullsNotDistinct", path, false));
    }

    private static IndexSnapshot ReadIndex(string key, JsonElement index, string path)
    {
        RequireKind(index, JsonValueKind.Object, path, "an index must be a JSON object");
        var name = OptionalString(index, "name", path) ?? key;
        var columnsPath = path + ".columns";
        if (!index.TryGetProperty("columns", out var columnsElement))
        {
            throw Fail(columnsPath, "the index has no \"columns\"", "List the index's key parts in \"columns\".");
        }
        RequireKind(columnsElement, JsonValueKind.Array, columnsPath, "\"columns\" must be an array");
        var parts = new List<IndexColumnSnapshot>();
        var i = 0;
        foreach (var part in columnsElement.EnumerateArray())
        {
            parts.Add(ReadIndexColumn(part, columnsPath + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
            i++;
        }
        if (parts.Count == 0) throw Fail(columnsPath, "the index has no key parts", "An index needs at least one column or expression.");

        return new IndexSnapshot(
            Identifier.TruncateToMaxBytes(name),
            parts.ToEquatableArray(),
            IsUnique: OptionalBool(index, "isUnique", path, false),
            Method: OptionalString(index, "method", path) ?? "btree",
            Where: OptionalString(index, "where", path),
            With: ReadIndexParameters(index, path),
            Concurrently: OptionalBool(index, "concurrently", path, false));
    }

    private static IndexColumnSnapshot ReadIndexColumn(JsonElement part, string path)
    {
        if (part.ValueKind == JsonValueKind.String) return new IndexColumnSnapshot(part.GetString()!);
        RequireKind(part, JsonValueKind.Object, path, "an index key part must be an object {\"expression\":…} or a column name");
        var expression = RequiredString(part, "expression", path, "Each key part needs \"expression\": a column name or an SQL expression.");
        var asc = OptionalBool(part, "asc", path, true);
        return new IndexColumnSnapshot(
            expression,
            IsExpression: OptionalBool(part, "isExpression", path, false),
            Asc: asc,
            Nulls: OptionalString(part, "nulls", path) ?? (asc ? "last" : "first"),
            Opclass: OptionalString(part, "opclass", path));
    }

    private static EquatableArray<IndexParameter> ReadIndexParameters(JsonElement index, string indexPath)
    {
        var parameters = new List<IndexParameter>();
        foreach (var (key, value, path) in Map(index, "with", indexPath))
        {
            var text = SqlLiteralText(value, path, allowNull: false)!;
            parameters.Add(new IndexParameter(key, text));
        }
        return parameters.OrderBy(p => p.Name, StringComparer.Ordinal).ToEquatableArray();
    }

    private static ForeignKeySnapshot ReadForeignKey(string key, JsonElement fk, string path, string tableName)
    {
        RequireKind(fk, JsonValueKind.Object, path, "a foreign key must be a JSON object");
        var schemaTo = OptionalString(fk, "schemaTo", path);
        return new ForeignKeySnapshot(
            Identifier.TruncateToMaxBytes(OptionalString(fk, "name", path) ?? key),
            OptionalString(fk, "tableFrom", path) ?? tableName,
            RequiredStringArray(fk, "columnsFrom", path),
            string.IsNullOrEmpty(schemaTo) ? Public : schemaTo,
            RequiredString(fk, "tableTo", path, "A foreign key needs the referenced table in \"tableTo\"."),
            RequiredStringArray(fk, "columnsTo", path),
            OnDelete: ReferentialAction(fk, "onDelete", path),
            OnUpdate: ReferentialAction(fk, "onUpdate", path));
    }

    private static string ReferentialAction(JsonElement fk, string property, string path) =>
        OptionalString(fk, property, path)?.ToLowerInvariant() ?? "no action";

    private static PrimaryKeySnapshot ReadPrimaryKey(string key, JsonElement pk, string path)
    {
        RequireKind(pk, JsonValueKind.Object, path, "a primary key must be a JSON object");
        return new PrimaryKeySnapshot(
            Identifier.TruncateToMaxBytes(OptionalString(pk, "name", path) ?? key),
            RequiredStringArray(pk, "columns", path));
    }

    private static UniqueConstraintSnapshot ReadUnique(string key, JsonElement unique, string path)
    {
        RequireKind(unique, JsonValueKind.Object, path, "a unique constraint must be a JSON object");
        return new UniqueConstraintSnapshot(
            Identifier.TruncateToMaxBytes(OptionalString(unique, "name", path) ?? key),
            RequiredStringArray(unique, "columns", path),
            OptionalBool(unique, "nullsNotDistinct", path, false));
    }

    private static CheckConstraintSnapshot ReadCheck(string key, JsonElement check, string path)
    {
        RequireKind(check, JsonValueKind.Object, path, "a check constraint must be a JSON object");
        return new CheckConstraintSnapshot(
            Identifier.TruncateToMaxBytes(OptionalString(check, "name", path) ?? key),
            RequiredString(check, "value", path, "A check constraint needs its boolean SQL expression in \"value\"."));
    }

    private static EnumSnapshot ReadEnum(string key, JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path, "an enum type must be a JSON object");
        return new EnumSnapshot(
            SchemaOrDefault(OptionalString(e, "schema", path), key),
            OptionalString(e, "name", path) ?? NameFromKey(key),
            RequiredStringArray(e, "values", path));
    }

    private static List<T> ReadNamed<T>(
        JsonElement table,
        string property,
        string tablePath,
        string what,
        Func<string, JsonElement, string, T> read,
        Func<T, string> nameOf)
    {
        var items = new List<T>();
        var names = new NameSet(tablePath + "." + property, what);
        foreach (var (key, element, path) in Map(table, property, tablePath))
        {
            var item = read(key, element, path);
            names.Add(nameOf(item), path);
            items.Add(item);
        }
        return items;
    }

    /// <summary>The members of an optional JSON object (missing or null: none).</summary>
    private static IEnumerable<(string Key, JsonElement Value, string Path)> Map(JsonElement owner, string property, string ownerPath)
    {
        var path = ownerPath + "." + property;
        if (!owner.TryGetProperty(property, out var map) || map.ValueKind == JsonValueKind.Null) yield break;
        RequireKind(map, JsonValueKind.Object, path, $"\"{property}\" must be a JSON object keyed by name");
        foreach (var member in map.EnumerateObject())
        {
            yield return (member.Name, member.Value, path + "[" + JsonSerializerQuote(member.Name) + "]");
        }
    }

    private static string? OptionalString(JsonElement owner, string property, string ownerPath)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Fail(ownerPath + "." + property, $"\"{property}\" is {value.GetRawText()}, not a string", "Write it as a JSON string.");
        }
        return value.GetString();
    }

    private static string RequiredString(JsonElement owner, string property, string ownerPath, string todo)
    {
        return OptionalString(owner, property, ownerPath)
            ?? throw Fail(ownerPath + "." + property, $"\"{property}\" is missing", todo);
    }

    private static bool OptionalBool(JsonElement owner, string property, string ownerPath, bool defaultValue)
    {
        if (!owner.TryGetProperty(property, out var value)) return defaultValue;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => defaultValue,
            _ => throw Fail(ownerPath + "." + property, $"\"{property}\" is {value.GetRawText()}, not a boolean", "Write true or false."),
        };
    }

    private static EquatableArray<string> RequiredStringArray(JsonElement owner, string property, string ownerPath)
    {
        var path = ownerPath + "." + property;
        if (!owner.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            throw Fail(path, $"\"{property}\" is missing", $"List the names in \"{property}\" as an array of strings.");
        }
        RequireKind(array, JsonValueKind.Array, path, $"\"{property}\" must be an array of strings");
        var items = new List<string>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Fail(path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", $"the item is {item.GetRawText()}, not a string", $"Write each name in \"{property}\" as a JSON string.");
            }
            items.Add(item.GetString()!);
            i++;
        }
        return items.ToEquatableArray();
    }

    private static string? OptionalSqlLiteral(JsonElement owner, string property, string ownerPath)
    {
        if (!owner.TryGetProperty(property, out var value)) return null;
        return SqlLiteralText(value, ownerPath + "." + property, allowNull: true);
    }

    /// <summary>SQL text from a JSON string, number (its exact digits) or boolean.</summary>
    private static string? SqlLiteralText(JsonElement value, string path, bool allowNull) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null when allowNull => null,
        _ => throw Fail(path, $"the value is {value.GetRawText()}, not SQL text", "Write the SQL expression as a JSON string, e.g. \"now()\" or \"'draft'\"."),
    };

    private static void RequireKind(JsonElement element, JsonValueKind kind, string path, string rule)
    {
        if (element.ValueKind != kind)
        {
            throw Fail(path, $"{rule}, but it is a {Describe(element.ValueKind)}", "Check that the text is a drizzle-kit PostgreSQL snapshot of version \"7\".");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "JSON object",
        JsonValueKind.Array => "JSON array",
        JsonValueKind.String => "JSON string",
        JsonValueKind.Number => "JSON number",
        JsonValueKind.True or JsonValueKind.False => "JSON boolean",
        JsonValueKind.Null => "JSON null",
        _ => "JSON value",
    };

    /// <summary>A table's or enum's schema: the field unless empty (drizzle-kit writes "" for public), else the key's prefix, else public.</summary>
    private static string SchemaOrDefault(string? schema, string key)
    {
        if (!string.IsNullOrEmpty(schema)) return schema;
        var dot = key.IndexOf('.');
        return dot > 0 ? key.Substring(0, dot) : Public;
    }

    private static string NameFromKey(string key)
    {
        var dot = key.IndexOf('.');
        return dot >= 0 ? key.Substring(dot + 1) : key;
    }

    private static string JsonSerializerQuote(string key) =>
        "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static SnapshotFormatException Fail(string path, string what, string todo) =>
        new($"Cannot read the schema snapshot at {path}: {what}. {todo}", path);

    /// <summary>Refuses a second item with the same name in one map.</summary>
    private sealed class NameSet(string mapPath, string what)
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public void Add(string name, string path)
        {
            if (!_names.Add(name))
            {
                throw Fail(
                    path,
                    $"{mapPath} holds two {what} named \"{name}\"",
                    "Names must be unique (names over 63 bytes count as PostgreSQL cuts them); remove or rename one.");
            }
        }
    }
}
