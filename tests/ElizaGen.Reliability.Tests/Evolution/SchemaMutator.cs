using System.Globalization;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>
/// Derives the "after" schema from the "before" one by a few random edits of every kind a plugin author makes:
/// tables and columns added, dropped and renamed, types changed (safe widenings and others), nullability and
/// defaults, keys, constraints, indexes, foreign keys and enum values. Renames keep the object's id (the pair
/// then carries a rename hint); a rename without a hint is modelled as a drop and an add (new ids).
/// </summary>
internal sealed class SchemaMutator(SchemaGenerator draw)
{
    private readonly Random _random = draw.Random;

    public SchemaModel Mutate(SchemaModel before)
    {
        var after = before.Clone();
        var edits = _random.Next(10) == 0 ? 0 : 1 + _random.Next(4);
        for (var i = 0; i < edits; i++) Edit(after);
        ModelRepair.Repair(after);
        return after;
    }

    private void Edit(SchemaModel model)
    {
        var table = model.Tables.Count == 0 ? null : model.Tables[_random.Next(model.Tables.Count)];
        var column = table is null || table.Columns.Count == 0 ? null : table.Columns[_random.Next(table.Columns.Count)];
        switch (_random.Next(33))
        {
            case 30:
                if (column is not null && ColumnKinds.IsInteger(column.Type.Kind)) column.Serial = !column.Serial;
                break;
            case 31:
                if (column is not null && column.Generated != Generation.None) column.Generated = Generation.None;
                else if (table is not null) draw.AddGenerated(model, table);
                break;
            case 32:
                if (table is not null && column is not null && column.Generated == Generation.None && table.Columns.FirstOrDefault(c => c != column && c.Generated == Generation.None
                        && (ColumnKinds.Fits(Generation.PlusOne, column.Type.Kind, c.Type.Kind) || ColumnKinds.Fits(Generation.Lower, column.Type.Kind, c.Type.Kind))) is { } source)
                {
                    // A plain column becomes generated (its values are replaced).
                    column.Generated = ColumnKinds.IsString(source.Type.Kind) ? Generation.Lower : Generation.Twice;
                    column.GeneratedFrom = source.Id;
                }
                else if (column is not null && column.Generated is Generation.PlusOne or Generation.Twice)
                {
                    column.Generated = column.Generated == Generation.PlusOne ? Generation.Twice : Generation.PlusOne;
                }
                break;
            case 0:
                model.Tables.Add(draw.NewTable(model, draw.Chance(0.8) ? SchemaGenerator.MainSchema : SchemaGenerator.OtherSchema));
                break;
            case 1:
                if (table is not null) model.Tables.Remove(table);
                break;
            case 2:
                if (table is not null) table.Name = draw.TableName(model);
                break;
            case 3:
                if (table is not null) ReplaceTable(model, table);
                break;
            case 4:
            case 5:
                if (table is not null) AddColumn(model, table);
                break;
            case 6:
                if (table is not null && column is not null) table.Columns.Remove(column);
                break;
            case 7:
                if (column is not null) column.Name = draw.ColumnName(model);
                break;
            case 8:
            case 9:
            case 10:
                if (column is not null) Retype(model, column);
                break;
            case 11:
                if (column is not null) column.Spelling = _random.Next(3);
                break;
            case 12:
            case 13:
                if (column is not null) column.NotNull = !column.NotNull;
                break;
            case 14:
                if (column is not null) column.Default = draw.Chance(0.3) ? null : draw.Pick(ColumnKinds.Defaults(column.Type, model).Append(null).ToArray());
                break;
            case 15:
                if (table is not null) EditPrimaryKey(model, table);
                break;
            case 16:
                if (table is not null) EditUniques(model, table);
                break;
            case 17:
                if (table is not null) EditChecks(model, table);
                break;
            case 18:
            case 19:
                if (table is not null) EditIndexes(model, table);
                break;
            case 20:
                if (table is not null) EditForeignKeys(model, table);
                break;
            case 21:
            case 22:
            case 23:
                EditEnums(model);
                break;
            case 24:
                if (table is not null && column is not null)
                {
                    // Drop a column and add one of the same name: no rename, so the values go.
                    table.Columns[table.Columns.IndexOf(column)] = new ColumnModel { Id = model.Fresh(), Name = column.Name, Type = ColumnKinds.RandomType(_random, model), NotNull = false };
                }
                break;
            default:
                if (table is not null) AddColumn(model, table);
                break;
        }
    }

    /// <summary>A table renamed without a hint: the old one is dropped and a new one created (names of its objects reused).</summary>
    private void ReplaceTable(SchemaModel model, TableModel table)
    {
        var ids = new Dictionary<int, int>();
        int Map(int id) => ids.TryGetValue(id, out var to) ? to : id;
        var copy = new TableModel { Id = model.Fresh(), Schema = table.Schema, Name = draw.TableName(model) };
        foreach (var c in table.Columns)
        {
            var clone = new ColumnModel
            {
                Id = model.Fresh(), Name = c.Name, Type = c.Type, Spelling = c.Spelling, NotNull = c.NotNull, Default = c.Default,
                Serial = c.Serial, Generated = c.Generated, GeneratedFrom = c.GeneratedFrom,
            };
            ids[c.Id] = clone.Id;
            copy.Columns.Add(clone);
        }
        foreach (var c in copy.Columns) c.GeneratedFrom = Map(c.GeneratedFrom);
        copy.PrimaryKey = table.PrimaryKey is { } pk ? new PrimaryKeyModel { Name = pk.Name, Columns = pk.Columns.Select(Map).ToList() } : null;
        copy.Uniques = table.Uniques.Select(u => new UniqueModel { Name = u.Name, NullsNotDistinct = u.NullsNotDistinct, Columns = u.Columns.Select(Map).ToList() }).ToList();
        copy.Checks = table.Checks.Select(c => new CheckModel { Name = c.Name, Template = c.Template, Label = c.Label, Columns = c.Columns.Select(Map).ToList() }).ToList();
        copy.Indexes = table.Indexes.Select(i =>
        {
            var clone = i.Clone();
            clone.WhereColumn = Map(i.WhereColumn);
            foreach (var p in clone.Parts) p.Column = Map(p.Column);
            return clone;
        }).ToList();
        copy.ForeignKeys = table.ForeignKeys.Where(f => f.TargetTable != table.Id)
            .Select(f => new ForeignKeyModel { Name = f.Name, TargetTable = f.TargetTable, To = [.. f.To], From = f.From.Select(Map).ToList(), OnDelete = f.OnDelete, OnUpdate = f.OnUpdate })
            .ToList();
        model.Tables[model.Tables.IndexOf(table)] = copy;
    }

    private void AddColumn(SchemaModel model, TableModel table)
    {
        var column = draw.NewColumn(model);
        switch (_random.Next(4))
        {
            case 0:
                column.NotNull = false;
                column.Default = null;
                break;
            case 1:
                column.NotNull = true;
                column.Default ??= draw.Pick(ColumnKinds.Defaults(column.Type, model).DefaultIfEmpty("").ToArray());
                if (column.Default.Length == 0) column.Default = null;
                break;
            case 2:
                column.NotNull = true;
                column.Default = null;
                break;
        }
        table.Columns.Insert(_random.Next(table.Columns.Count + 1), column);
    }

    private void Retype(SchemaModel model, ColumnModel column)
    {
        var widened = draw.Chance(0.5) ? ColumnKinds.Widening(column.Type, _random) : null;
        column.Type = widened ?? ColumnKinds.RandomType(_random, model);
        column.Spelling = _random.Next(3);
    }

    private void EditPrimaryKey(SchemaModel model, TableModel table)
    {
        var keyable = table.Columns.Where(c => ColumnKinds.IsKeyable(c.Type.Kind)).ToList();
        switch (_random.Next(4))
        {
            case 0:
                table.PrimaryKey = null;
                break;
            case 1:
                if (table.PrimaryKey is { } pk) pk.Name = pk.Name is null ? draw.ConstraintName(model, "pk") : null;
                break;
            case 2:
                if (table.PrimaryKey is { } named && named.Name is not null) named.Name = draw.ConstraintName(model, "pk");
                break;
            default:
                if (keyable.Count > 0)
                {
                    table.PrimaryKey = new PrimaryKeyModel
                    {
                        Columns = keyable.OrderBy(_ => _random.Next()).Take(1 + _random.Next(2)).Select(c => c.Id).ToList(),
                        Name = draw.Chance(0.5) ? draw.ConstraintName(model, "pk") : null,
                    };
                }
                break;
        }
    }

    private void EditUniques(SchemaModel model, TableModel table)
    {
        var unique = table.Uniques.Count == 0 ? null : table.Uniques[_random.Next(table.Uniques.Count)];
        switch (_random.Next(4))
        {
            case 0:
                if (unique is not null) table.Uniques.Remove(unique);
                break;
            case 1:
                if (unique is not null) unique.Name = draw.ConstraintName(model, "uq");
                break;
            case 2:
                if (unique is not null) unique.NullsNotDistinct = !unique.NullsNotDistinct;
                break;
            default:
                draw.AddUnique(model, table);
                break;
        }
    }

    private void EditChecks(SchemaModel model, TableModel table)
    {
        var check = table.Checks.Count == 0 ? null : table.Checks[_random.Next(table.Checks.Count)];
        switch (_random.Next(4))
        {
            case 0:
                if (check is not null) table.Checks.Remove(check);
                break;
            case 1:
                if (check is not null) check.Name = draw.ConstraintName(model, "ck");
                break;
            case 2:
                if (check is not null)
                {
                    // Same name, another expression.
                    table.Checks.Remove(check);
                    draw.AddCheck(model, table);
                    if (table.Checks.Count > 0) table.Checks[^1].Name = check.Name;
                }
                break;
            default:
                draw.AddCheck(model, table);
                break;
        }
    }

    private void EditIndexes(SchemaModel model, TableModel table)
    {
        var index = table.Indexes.Count == 0 ? null : table.Indexes[_random.Next(table.Indexes.Count)];
        switch (_random.Next(7))
        {
            case 0:
                if (index is not null) table.Indexes.Remove(index);
                break;
            case 1:
                if (index is not null) index.Name = draw.ConstraintName(model, "ix");
                break;
            case 2:
                if (index is not null && index.Method == IndexMethod.Btree)
                {
                    var part = index.Parts[_random.Next(index.Parts.Count)];
                    part.Descending = !part.Descending;
                    if (draw.Chance(0.5)) part.NullsFirst = !part.NullsFirst;
                }
                break;
            case 3:
                if (index is not null && index.Method == IndexMethod.Btree)
                {
                    if (index.Where == Predicate.None && table.Columns.Count > 0) draw.SetPredicate(index, table);
                    else index.Where = Predicate.None;
                }
                break;
            case 4:
                if (index is not null && index.Method == IndexMethod.Btree) index.Unique = !index.Unique;
                else if (index is not null && index.Method == IndexMethod.Hnsw) index.M = draw.Pick([0, 4, 8, 16]);
                break;
            default:
                draw.AddIndex(model, table);
                break;
        }
    }

    private void EditForeignKeys(SchemaModel model, TableModel table)
    {
        var fk = table.ForeignKeys.Count == 0 ? null : table.ForeignKeys[_random.Next(table.ForeignKeys.Count)];
        switch (_random.Next(4))
        {
            case 0:
                if (fk is not null) table.ForeignKeys.Remove(fk);
                break;
            case 1:
                if (fk is not null) fk.Name = draw.ConstraintName(model, "fk");
                break;
            case 2:
                if (fk is not null) fk.OnDelete = draw.Pick(["no action", "cascade", "restrict", "set null"]);
                break;
            default:
                draw.AddForeignKey(model, table, model.Tables[_random.Next(model.Tables.Count)]);
                break;
        }
    }

    private void EditEnums(SchemaModel model)
    {
        var e = model.Enums.Count == 0 ? null : model.Enums[_random.Next(model.Enums.Count)];
        switch (_random.Next(7))
        {
            case 0:
                if (e is not null) e.Values.Add("n" + model.Fresh().ToString(CultureInfo.InvariantCulture));
                break;
            case 1:
                if (e is not null) e.Values.Insert(_random.Next(e.Values.Count + 1), "m" + model.Fresh().ToString(CultureInfo.InvariantCulture));
                break;
            case 2:
                if (e is not null && e.Values.Count > 1) e.Values.RemoveAt(_random.Next(e.Values.Count));
                break;
            case 3:
                if (e is not null) e.Values = e.Values.OrderBy(_ => _random.Next()).ToList();
                break;
            case 4:
                if (e is not null) model.Enums.Remove(e);
                break;
            case 5:
                if (e is not null)
                {
                    // A renamed enum: a new type; its columns convert to it through text.
                    var renamed = draw.NewEnum(model, e.Schema);
                    renamed.Values = [.. e.Values];
                    model.Enums.Add(renamed);
                    model.Enums.Remove(e);
                    foreach (var c in model.Tables.SelectMany(t => t.Columns).Where(c => c.Type.EnumId == e.Id))
                    {
                        c.Type = c.Type with { EnumId = renamed.Id };
                        if (c.Default is not null && !ColumnKinds.Defaults(c.Type, model).Contains(c.Default)) c.Default = null;
                    }
                }
                break;
            default:
                var added = draw.NewEnum(model, draw.Chance(0.8) ? SchemaGenerator.MainSchema : SchemaGenerator.OtherSchema);
                model.Enums.Add(added);
                if (model.Tables.Count > 0)
                {
                    var table = model.Tables[_random.Next(model.Tables.Count)];
                    var column = draw.NewColumn(model, new ColumnType(ColumnKind.Enum, EnumId: added.Id));
                    table.Columns.Add(column);
                }
                break;
        }
    }
}
