using System.Globalization;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>Draws random schemas, and the random parts (columns, keys, constraints, indexes) the mutator adds.</summary>
internal sealed class SchemaGenerator(Random random)
{
    public const string MainSchema = "evo";
    public const string OtherSchema = "evo_b";

    private static readonly string[] Labels = ["a", "b", "c", "draft", "it's", "Z", "done", "x y"];
    private static readonly string[] Actions = ["no action", "restrict", "cascade", "set null", "set default"];

    public Random Random => random;

    public SchemaModel Generate()
    {
        var model = new SchemaModel();
        var useOther = Chance(0.2);
        for (var i = random.Next(3); i > 0; i--) model.Enums.Add(NewEnum(model, useOther && Chance(0.5) ? OtherSchema : MainSchema));
        var tables = 1 + random.Next(4);
        for (var i = 0; i < tables; i++) model.Tables.Add(NewTable(model, useOther && Chance(0.3) ? OtherSchema : MainSchema));
        return model;
    }

    public EnumModel NewEnum(SchemaModel model, string schema)
    {
        var values = Labels.OrderBy(_ => random.Next()).Take(2 + random.Next(3)).ToList();
        var id = model.Fresh();
        return new EnumModel { Id = id, Schema = schema, Name = "e" + id.ToString(CultureInfo.InvariantCulture), Values = values };
    }

    public TableModel NewTable(SchemaModel model, string schema)
    {
        var id = model.Fresh();
        var table = new TableModel { Id = id, Schema = schema, Name = TableName(model) };
        for (var i = 1 + random.Next(6); i > 0; i--) table.Columns.Add(NewColumn(model));

        var keyShape = random.Next(20);
        if (keyShape >= 3)
        {
            var keyable = table.Columns.Where(c => ColumnKinds.IsKeyable(c.Type.Kind)).ToList();
            if (keyable.Count == 0 || Chance(0.3))
            {
                var key = NewColumn(model, Chance(0.5) ? new ColumnType(ColumnKind.Uuid) : new ColumnType(Chance(0.5) ? ColumnKind.Integer : ColumnKind.Text));
                key.NotNull = Chance(0.8);
                table.Columns.Insert(0, key);
                keyable.Insert(0, key);
            }
            var count = keyShape >= 15 && keyable.Count > 1 ? 2 : 1;
            table.PrimaryKey = new PrimaryKeyModel
            {
                Columns = keyable.Take(count).Select(c => c.Id).ToList(),
                Name = keyShape >= 17 ? ConstraintName(model, "pk") : null,
            };
        }
        if (Chance(0.15)) MakeSerial(table);
        if (Chance(0.2)) AddGenerated(model, table);
        for (var i = random.Next(3); i > 0; i--) AddUnique(model, table);
        for (var i = random.Next(3); i > 0; i--) AddCheck(model, table);
        for (var i = random.Next(4); i > 0; i--) AddIndex(model, table);
        if (model.Tables.Count > 0 && Chance(0.5)) AddForeignKey(model, table, model.Tables[random.Next(model.Tables.Count)]);
        else if (Chance(0.05)) AddForeignKey(model, table, table);
        return table;
    }

    public ColumnModel NewColumn(SchemaModel model, ColumnType? type = null)
    {
        type ??= ColumnKinds.RandomType(random, model);
        var column = new ColumnModel
        {
            Id = model.Fresh(),
            Name = ColumnName(model),
            Type = type,
            Spelling = random.Next(3),
            NotNull = Chance(0.3),
        };
        if (Chance(0.3)) column.Default = Pick(ColumnKinds.Defaults(type, model));
        return column;
    }

    /// <summary>Makes an integer column serial (a sequence numbers it).</summary>
    public void MakeSerial(TableModel table)
    {
        var column = table.Columns.Where(c => ColumnKinds.IsInteger(c.Type.Kind) && c.Generated == Generation.None).OrderBy(_ => random.Next()).FirstOrDefault();
        if (column is null) return;
        column.Serial = true;
        column.Default = null;
    }

    /// <summary>Adds a stored generated column computed from a number or text column of the table.</summary>
    public void AddGenerated(SchemaModel model, TableModel table)
    {
        var source = table.Columns.Where(c => c.Generated == Generation.None && (ColumnKinds.IsNumber(c.Type.Kind) || ColumnKinds.IsString(c.Type.Kind)))
            .OrderBy(_ => random.Next()).FirstOrDefault();
        if (source is null) return;
        var column = NewColumn(model, ColumnKinds.IsString(source.Type.Kind)
            ? new ColumnType(ColumnKind.Text)
            : new ColumnType(Pick([ColumnKind.Bigint, ColumnKind.Double]), 0));
        column.Default = null;
        column.Generated = ColumnKinds.IsString(source.Type.Kind) ? Generation.Lower : Pick([Generation.PlusOne, Generation.Twice]);
        column.GeneratedFrom = source.Id;
        table.Columns.Add(column);
    }

    public void AddUnique(SchemaModel model, TableModel table)
    {
        var columns = table.Columns.Where(c => ColumnKinds.IsKeyable(c.Type.Kind)).OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList();
        if (columns.Count == 0) return;
        table.Uniques.Add(new UniqueModel { Name = ConstraintName(model, "uq"), Columns = columns.Select(c => c.Id).ToList(), NullsNotDistinct = Chance(0.3) });
    }

    public void AddCheck(SchemaModel model, TableModel table)
    {
        if (table.Columns.Count >= 2 && Chance(0.2))
        {
            var two = table.Columns.OrderBy(_ => random.Next()).Take(2).Select(c => c.Id).ToList();
            table.Checks.Add(new CheckModel { Name = ConstraintName(model, "ck"), Template = CheckTemplate.NullImplies, Columns = two });
            return;
        }
        foreach (var column in table.Columns.OrderBy(_ => random.Next()))
        {
            var templates = Enum.GetValues<CheckTemplate>().Where(t => ColumnKinds.Fits(t, [column.Type.Kind])).ToArray();
            if (templates.Length == 0) continue;
            var template = Pick(templates);
            table.Checks.Add(new CheckModel
            {
                Name = ConstraintName(model, "ck"),
                Template = template,
                Columns = [column.Id],
                Label = template == CheckTemplate.EnumNot ? Pick(model.Enum(column.Type.EnumId)!.Values.ToArray()) : null,
            });
            return;
        }
    }

    public void AddIndex(SchemaModel model, TableModel table)
    {
        if (table.Columns.Count == 0) return;
        var vector = table.Columns.FirstOrDefault(c => c.Type.Kind == ColumnKind.Vector);
        var gin = table.Columns.FirstOrDefault(c => c.Type.Kind is ColumnKind.Jsonb or ColumnKind.TextArray);
        var index = new IndexModel { Name = ConstraintName(model, "ix") };
        if (vector is not null && Chance(0.4))
        {
            index.Method = IndexMethod.Hnsw;
            index.Parts.Add(new IndexPartModel { Column = vector.Id, Opclass = Pick(["vector_cosine_ops", "vector_l2_ops", "vector_ip_ops"]) });
            if (Chance(0.7)) index.M = Pick([4, 8, 16]);
            if (Chance(0.7)) index.EfConstruction = Pick([16, 32, 64]);
        }
        else if (gin is not null && Chance(0.4))
        {
            index.Method = IndexMethod.Gin;
            index.Parts.Add(new IndexPartModel
            {
                Column = gin.Id,
                Opclass = gin.Type.Kind == ColumnKind.Jsonb && Chance(0.5) ? "jsonb_path_ops" : null,
            });
        }
        else
        {
            index.Method = IndexMethod.Btree;
            var candidates = table.Columns.Where(c => c.Type.Kind is not (ColumnKind.Vector or ColumnKind.Jsonb or ColumnKind.TextArray) || Chance(0.2)).ToList();
            if (candidates.Count == 0) return;
            foreach (var column in candidates.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                var expressions = Enum.GetValues<KeyExpression>().Where(e => e != KeyExpression.None && ColumnKinds.Fits(e, column.Type.Kind)).ToArray();
                index.Parts.Add(new IndexPartModel
                {
                    Column = column.Id,
                    Expression = expressions.Length > 0 && Chance(0.3) ? Pick(expressions) : KeyExpression.None,
                    Descending = Chance(0.3),
                    NullsFirst = Chance(0.2),
                });
            }
            index.Unique = Chance(0.25);
            if (Chance(0.3)) SetPredicate(index, table);
        }
        table.Indexes.Add(index);
    }

    public void SetPredicate(IndexModel index, TableModel table)
    {
        var column = table.Columns[random.Next(table.Columns.Count)];
        var predicates = Enum.GetValues<Predicate>().Where(p => p != Predicate.None && ColumnKinds.Fits(p, column.Type.Kind)).ToArray();
        index.Where = Pick(predicates);
        index.WhereColumn = column.Id;
    }

    /// <summary>Adds columns of the key's types to <paramref name="table"/> and a foreign key from them to the target's key.</summary>
    public void AddForeignKey(SchemaModel model, TableModel table, TableModel target)
    {
        var keys = new List<List<int>>();
        if (target.PrimaryKey is { } pk) keys.Add(pk.Columns);
        keys.AddRange(target.Uniques.Select(u => u.Columns));
        keys.RemoveAll(k => k.Any(id => target.Column(id) is null)); // a mutation dropped one of its columns
        if (keys.Count == 0) return;
        var key = keys[random.Next(keys.Count)];
        var from = new List<int>();
        foreach (var targetColumn in key.Select(target.Column))
        {
            var existing = table.Columns.FirstOrDefault(c => c.Type == targetColumn!.Type && !from.Contains(c.Id) && Chance(0.3) && table != target);
            if (existing is null)
            {
                existing = NewColumn(model, targetColumn!.Type);
                existing.Default = null;
                table.Columns.Add(existing);
            }
            from.Add(existing.Id);
        }
        table.ForeignKeys.Add(new ForeignKeyModel
        {
            Name = ConstraintName(model, "fk"),
            From = from,
            TargetTable = target.Id,
            To = [.. key],
            OnDelete = Chance(0.5) ? "no action" : Pick(Actions),
            OnUpdate = Chance(0.7) ? "no action" : Pick(Actions),
        });
    }

    public string TableName(SchemaModel model)
    {
        var n = model.Fresh().ToString(CultureInfo.InvariantCulture);
        return Chance(0.08) ? "Tab " + n : "t" + n;
    }

    public string ColumnName(SchemaModel model)
    {
        var n = model.Fresh().ToString(CultureInfo.InvariantCulture);
        return random.Next(14) switch
        {
            0 => "Col" + n,
            1 => "c " + n + "\"q",
            _ => "c" + n,
        };
    }

    /// <summary>Index and constraint names, unique in the schema; now and then longer than PostgreSQL's 63 bytes.</summary>
    public string ConstraintName(SchemaModel model, string prefix)
    {
        var name = prefix + model.Fresh().ToString(CultureInfo.InvariantCulture);
        return Chance(0.04) ? name + "_" + new string('l', 70) : name;
    }

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
