using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ElizaGen.Generators.Diagnostics;
using ElizaGen.Generators.Model;
using ElizaGen.Schema;
using ElizaGen.Schema.Naming;
using ElizaGen.Schema.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ElizaGen.Generators.Parsing;

/// <summary>Turns one [Table] type into a <see cref="TableSpec"/> and its diagnostics.</summary>
internal sealed class TableParser
{
    /// <summary>The members the generator adds to a [Table] type.</summary>
    public static readonly string[] GeneratedMemberNames = { "Table", "Columns" };

    private static readonly string[] ReferentialActions = { "no action", "restrict", "cascade", "set null", "set default" };
    private static readonly string[] IndexMethods = { "btree", "gin", "gist", "hash", "brin" };

    private readonly INamedTypeSymbol _type;
    private readonly AttributeData _tableAttribute;
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<(IPropertySymbol Property, ColumnSpec Column)> _columns = new();
    private readonly List<(int Order, int Position, string Column)> _keyParts = new();
    private readonly List<IndexSpec> _indexes = new();
    private readonly List<UniqueSpec> _uniques = new();
    private readonly List<CheckSpec> _checks = new();
    private readonly List<ForeignKeySpec> _foreignKeys = new();
    private readonly List<(string Name, LocationInfo? Location)> _constraintNames = new();
    private readonly HashSet<string> _failedColumns = new(StringComparer.Ordinal);
    private readonly string _tableName;
    private readonly LocationInfo? _tableLocation;
    private bool _usable = true;

    private TableParser(INamedTypeSymbol type, AttributeData tableAttribute, Compilation compilation, CancellationToken cancellationToken)
    {
        _type = type;
        _tableAttribute = tableAttribute;
        _compilation = compilation;
        _cancellationToken = cancellationToken;
        _tableName = tableAttribute.CtorString(0) ?? string.Empty;
        _tableLocation = tableAttribute.Location(cancellationToken);
    }

    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken)
        => node is ClassDeclarationSyntax or RecordDeclarationSyntax;

    public static TableParseResult Parse(GeneratorAttributeSyntaxContext context, Action<string>? probe, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        try
        {
            probe?.Invoke("table:" + type.Name);
            return new TableParser(type, attribute, context.SemanticModel.Compilation, cancellationToken).Run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var location = attribute.Location(cancellationToken);
            return new TableParseResult(
                type.Name,
                attribute.CtorString(0) ?? string.Empty,
                location,
                null,
                EquatableArray.Create(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, location, "reading [Table] type '" + type.Name + "'", e.GetType().FullName ?? "Exception", e.Message)));
        }
    }

    private TableParseResult Run()
    {
        var typeLocation = LocationInfo.From(_type.Locations.FirstOrDefault());
        if (_type.ContainingType is not null || _type.IsGenericType)
        {
            var shape = _type.ContainingType is not null ? "nested in '" + _type.ContainingType.Name + "'" : "generic";
            Report(DiagnosticDescriptors.TableTypeShape, typeLocation, _type.Name, shape);
            return Result(null);
        }

        var isPartial = _type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(_cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (!isPartial)
        {
            Report(DiagnosticDescriptors.MustBePartial, typeLocation, _type.Name, "partial", "its Table and Columns members");
        }

        foreach (var name in GeneratedMemberNames)
        {
            foreach (var member in _type.GetMembers(name).Where(m => !m.IsImplicitlyDeclared))
            {
                Report(DiagnosticDescriptors.ReservedMemberName, LocationInfo.From(member.Locations.FirstOrDefault()), _type.Name, name);
            }
        }

        ValidateIdentifier(_tableName, "table", _tableLocation);
        var tableRenamed = _type.GetAttributes().Find(AttributeNames.RenamedFrom);
        var tableRenamedFrom = tableRenamed?.CtorString(0);
        if (tableRenamed is not null) ValidateIdentifier(tableRenamedFrom ?? string.Empty, "table", tableRenamed.Location(_cancellationToken));

        foreach (var property in ColumnProperties.Of(_type))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            ParseColumn(property);
        }

        var primaryKey = _keyParts.OrderBy(k => k.Order).ThenBy(k => k.Position).Select(k => k.Column).ToEquatableArray();
        if (primaryKey.IsEmpty)
        {
            Report(DiagnosticDescriptors.MissingPrimaryKey, _tableLocation, _type.Name, _tableName);
        }
        else if (primaryKey.Count > 1)
        {
            _constraintNames.Add((ConstraintNames.PrimaryKey(_tableName, primaryKey), _tableLocation));
        }

        foreach (var attribute in _type.GetAttributes())
        {
            if (attribute.Is(AttributeNames.Unique)) ParseTableUnique(attribute);
            else if (attribute.Is(AttributeNames.Index)) ParseIndex(attribute);
            else if (attribute.Is(AttributeNames.Check)) ParseCheck(attribute);
        }

        CheckDuplicateConstraintNames();
        // With a column already reported, the constructor would not match it either: say nothing more.
        var construction = _failedColumns.Count == 0 ? AnalyzeConstruction(typeLocation) : null;

        if (!isPartial || !_usable || primaryKey.IsEmpty || construction is null) return Result(null);

        var columns = _columns.Select(c => c.Column with { NotNull = c.Column.NotNull || primaryKey.Contains(c.Column.ColumnName) }).ToEquatableArray();
        var enums = columns
            .Where(c => c.Kind == ValueKind.PgEnum)
            .GroupBy(c => c.EnumTypeName!, StringComparer.Ordinal)
            .Select(g => new EnumTypeSpec(g.Key, g.First().EnumMembers.Select(m => m.Label).ToEquatableArray(), g.First().ElementClrType))
            .ToEquatableArray();

        var spec = new TableSpec(
            _type.ContainingNamespace.IsGlobalNamespace ? string.Empty : _type.ContainingNamespace.ToDisplayString(),
            _type.Name,
            _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            _type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            _type.IsRecord ? "record" : "class",
            _tableName,
            tableRenamedFrom,
            columns,
            primaryKey,
            _indexes.ToEquatableArray(),
            _uniques.ToEquatableArray(),
            _checks.ToEquatableArray(),
            _foreignKeys.ToEquatableArray(),
            enums,
            construction,
            _tableLocation);
        return Result(spec);
    }

    private TableParseResult Result(TableSpec? spec) => new(_type.Name, _tableName, _tableLocation, spec, _diagnostics.ToEquatableArray());

    private void ParseColumn(IPropertySymbol property)
    {
        var attributes = property.GetAttributes();
        var propertyLocation = LocationInfo.From(property.Locations.FirstOrDefault());
        var columnAttribute = attributes.Find(AttributeNames.Column);
        var columnName = ColumnProperties.ColumnName(property);
        ValidateIdentifier(columnName, "column", columnAttribute?.CtorString(0) is null ? propertyLocation : columnAttribute.Location(_cancellationToken));

        var existing = _columns.FirstOrDefault(c => c.Column.ColumnName == columnName);
        if (existing.Property is not null)
        {
            Report(DiagnosticDescriptors.DuplicateColumnName, propertyLocation, columnName, property.Name, existing.Property.Name);
        }

        var vector = attributes.Find(AttributeNames.Vector);
        int? dimensions = vector is null ? null : vector.ConstructorArguments.FirstOrDefault().Value as int? ?? 0;
        var vectorHalf = vector?.NamedBool("HalfPrecision") ?? false;

        var precision = columnAttribute?.NamedInt("Precision") ?? 0;
        var scale = columnAttribute?.NamedInt("Scale") ?? 0;
        if (columnAttribute is not null && (precision != 0 || scale != 0))
        {
            ValidatePrecision(property, columnAttribute, precision, scale);
        }

        var mapping = ColumnTypeMapper.Map(property, attributes.Find(AttributeNames.Jsonb) is not null, dimensions, vectorHalf, precision, scale, out var error);
        if (mapping is null)
        {
            switch (error)
            {
                case TypeMappingError.VectorWithoutAttribute:
                    Report(DiagnosticDescriptors.VectorAttributeMismatch, propertyLocation, property.Name, "a Pgvector vector property needs its dimensions: add [Vector(n)]");
                    break;
                case TypeMappingError.VectorAttributeOnOtherType:
                    Report(DiagnosticDescriptors.VectorAttributeMismatch, vector!.Location(_cancellationToken), property.Name, "[Vector] needs a property of type Pgvector.Vector (or Pgvector.HalfVector): change the property's type or remove the attribute");
                    break;
                case TypeMappingError.HalfPrecisionOnVector:
                    Report(DiagnosticDescriptors.VectorAttributeMismatch, vector!.Location(_cancellationToken), property.Name, "a halfvec column holds Pgvector.HalfVector values: change the property's type to HalfVector or remove HalfPrecision");
                    break;
                default:
                    Report(DiagnosticDescriptors.UnsupportedType, propertyLocation, property.Name, property.Type.ToDisplayString());
                    break;
            }
            _failedColumns.Add(property.Name);
            _failedColumns.Add(columnName);
            return;
        }

        if (mapping.Kind == ValueKind.PgEnum)
        {
            ValidateIdentifier(mapping.EnumTypeName ?? string.Empty, "enum type", propertyLocation);
            foreach (var member in mapping.EnumMembers) ValidateIdentifier(member.Label, "enum label", propertyLocation);
        }

        if (mapping.Kind is ValueKind.Vector or ValueKind.HalfVector)
        {
            var half = mapping.Kind == ValueKind.HalfVector;
            if (mapping.VectorDimensions is < 1 or > 16000)
            {
                Report(DiagnosticDescriptors.VectorDimensionsOutOfRange, vector!.Location(_cancellationToken),
                    mapping.VectorDimensions.ToString(CultureInfo.InvariantCulture), property.Name, half ? "halfvec" : "vector", "16000");
            }
        }

        string? defaultSql = null;
        var defaultAttribute = attributes.Find(AttributeNames.Default);
        if (defaultAttribute is not null)
        {
            defaultSql = defaultAttribute.CtorString(0);
            if (string.IsNullOrWhiteSpace(defaultSql))
            {
                Report(DiagnosticDescriptors.EmptyExpression, defaultAttribute.Location(_cancellationToken), "Default", property.Name,
                    "give one (now(), 0, 'text', gen_random_uuid()) or remove the attribute");
            }
            else
            {
                ValidateExpression(defaultSql!, "Default", property.Name, defaultAttribute.Location(_cancellationToken));
            }
        }

        var keyAttribute = attributes.Find(AttributeNames.PrimaryKey);
        if (keyAttribute is not null) _keyParts.Add((keyAttribute.NamedInt("Order"), _keyParts.Count, columnName));

        string? renamedFrom = null;
        var renamedAttribute = attributes.Find(AttributeNames.RenamedFrom);
        if (renamedAttribute is not null)
        {
            renamedFrom = renamedAttribute.CtorString(0) ?? string.Empty;
            ValidateIdentifier(renamedFrom, "column", renamedAttribute.Location(_cancellationToken));
        }

        var vectorIndex = ParseVectorIndex(property, attributes.Find(AttributeNames.VectorIndex), mapping, columnName);

        foreach (var unique in attributes.All(AttributeNames.Unique))
        {
            var name = unique.NamedString("Name") ?? ConstraintNames.Unique(_tableName, new[] { columnName });
            AddUnique(new UniqueSpec(name, EquatableArray.Create(columnName), unique.NamedBool("NullsNotDistinct")), unique);
        }

        var column = new ColumnSpec(
            property.Name,
            columnName,
            mapping.SqlType,
            mapping.Kind,
            mapping.ClrType,
            mapping.ElementClrType,
            mapping.IsValueType,
            mapping.IsNullable,
            !mapping.IsNullable,
            defaultSql,
            mapping.VectorDimensions,
            vectorIndex,
            mapping.EnumTypeName,
            mapping.EnumMembers,
            renamedFrom,
            propertyLocation);
        _columns.Add((property, column));

        foreach (var reference in attributes.All(AttributeNames.References))
        {
            ParseReference(property, column, reference);
        }
    }

    private void ValidatePrecision(IPropertySymbol property, AttributeData column, int precision, int scale)
    {
        var location = column.Location(_cancellationToken);
        var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : property.Type;
        string? problem = null;
        if (type.SpecialType != SpecialType.System_Decimal) problem = "Precision and Scale apply to decimal properties only; remove them";
        else if (precision == 0) problem = "Scale needs a Precision; set Precision too";
        else if (precision is < 1 or > 1000) problem = "Precision must be between 1 and 1000";
        else if (scale < 0 || scale > precision) problem = "Scale must be between 0 and Precision (" + precision.ToString(CultureInfo.InvariantCulture) + ")";
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.InvalidNumericPrecision, location, property.Name, problem);
            _usable = false;
        }
    }

    private VectorIndexSpec? ParseVectorIndex(IPropertySymbol property, AttributeData? attribute, TypeMapping mapping, string columnName)
    {
        if (attribute is null) return null;
        var location = attribute.Location(_cancellationToken);
        if (mapping.Kind is not (ValueKind.Vector or ValueKind.HalfVector))
        {
            Report(DiagnosticDescriptors.VectorAttributeMismatch, location, property.Name, "[VectorIndex] needs a vector column: a Pgvector.Vector or HalfVector property with [Vector(n)]");
            return null;
        }
        var halfIndex = attribute.NamedBool("HalfPrecision") || mapping.Kind == ValueKind.HalfVector;
        var dimensions = mapping.VectorDimensions.ToString(CultureInfo.InvariantCulture);
        if (mapping.VectorDimensions > 4000)
        {
            Report(DiagnosticDescriptors.VectorIndexTooWide, location, property.Name, dimensions);
        }
        else if (mapping.VectorDimensions > 2000 && !halfIndex)
        {
            Report(DiagnosticDescriptors.VectorIndexNeedsHalfPrecision, location, property.Name, dimensions);
        }
        var metric = attribute.ConstructorArguments.FirstOrDefault().Value is int m ? (VectorMetricKind)m : VectorMetricKind.Cosine;
        var name = attribute.NamedString("Name") ?? ConstraintNames.Index(_tableName, new[] { columnName });
        ValidateIdentifier(name, "index", location);
        _constraintNames.Add((name, location));
        return new VectorIndexSpec(name, metric, attribute.NamedInt("M"), attribute.NamedInt("EfConstruction"), attribute.NamedBool("HalfPrecision") && mapping.Kind == ValueKind.Vector);
    }

    private void ParseReference(IPropertySymbol property, ColumnSpec column, AttributeData reference)
    {
        var location = reference.Location(_cancellationToken);
        var onDelete = Action(reference.NamedInt("OnDelete"));
        var onUpdate = Action(reference.NamedInt("OnUpdate"));
        var columnArgument = reference.NamedString("Column");
        var argument = reference.ConstructorArguments.FirstOrDefault();

        string? targetSchema = null;
        string? targetPlugin = null;
        string targetTable;
        string targetColumn;

        if (argument.Kind == TypedConstantKind.Type)
        {
            if (argument.Value is not INamedTypeSymbol targetType)
            {
                Report(DiagnosticDescriptors.ReferenceNotATable, location, property.Name, argument.Value?.ToString() ?? "null");
                return;
            }
            var target = ReferencedTable.Read(targetType);
            if (target is null)
            {
                Report(DiagnosticDescriptors.ReferenceNotATable, location, property.Name, targetType.ToDisplayString());
                return;
            }
            ReferencedColumn? targetColumnInfo;
            if (columnArgument is not null)
            {
                targetColumnInfo = target.Find(columnArgument);
                if (targetColumnInfo is null)
                {
                    Report(DiagnosticDescriptors.InvalidReferenceTarget, location, property.Name,
                        "'" + columnArgument + "' is not a column of '" + targetType.Name + "'; set Column to one of its property or column names");
                    return;
                }
            }
            else
            {
                var key = target.PrimaryKey;
                if (key.Count != 1)
                {
                    Report(DiagnosticDescriptors.InvalidReferenceTarget, location, property.Name,
                        "'" + targetType.Name + "' has " + (key.Count == 0 ? "no primary key" : "a composite primary key") + "; set Column = nameof(" + targetType.Name + ".X) to the referenced column");
                    return;
                }
                targetColumnInfo = key[0];
            }

            if (targetColumnInfo.SqlType is not null && targetColumnInfo.SqlType != column.SqlType)
            {
                Report(DiagnosticDescriptors.ReferenceTypeMismatch, location, property.Name, column.SqlType, targetType.Name + "." + targetColumnInfo.PropertyName, targetColumnInfo.SqlType);
                return;
            }

            if (!SymbolEqualityComparer.Default.Equals(targetType.ContainingAssembly, _compilation.Assembly))
            {
                var plugin = targetType.ContainingAssembly.GetAttributes().Find(AttributeNames.Plugin);
                if (plugin is null)
                {
                    Report(DiagnosticDescriptors.InvalidReferenceTarget, location, property.Name,
                        "'" + targetType.Name + "' is in assembly '" + targetType.ContainingAssembly.Name + "', which declares no [assembly: ElizaPlugin]; reference a table of a plugin");
                    return;
                }
                targetPlugin = plugin.CtorString(0) ?? string.Empty;
                targetSchema = plugin.NamedString("Schema");
                if (targetSchema is null && !PluginNaming.TrySchemaNameFor(targetPlugin, out targetSchema, out var schemaError))
                {
                    Report(DiagnosticDescriptors.InvalidReferenceTarget, location, property.Name,
                        "the plugin of '" + targetType.Name + "' has no usable schema (" + schemaError + ")");
                    return;
                }
            }
            targetTable = target.TableName;
            targetColumn = targetColumnInfo.ColumnName;
        }
        else
        {
            var text = argument.Value as string ?? string.Empty;
            if (columnArgument is null)
            {
                Report(DiagnosticDescriptors.InvalidReferenceTarget, location, property.Name,
                    "a table given by name needs its column: add Column = \"column_name\"");
                return;
            }
            var dot = text.IndexOf('.');
            if (dot >= 0)
            {
                targetSchema = text.Substring(0, dot);
                ValidateIdentifier(targetSchema, "schema", location);
            }
            targetTable = text.Substring(dot + 1);
            targetColumn = columnArgument;
            ValidateIdentifier(targetTable, "table", location);
            ValidateIdentifier(targetColumn, "column", location);
        }

        var name = reference.NamedString("Name") ?? ConstraintNames.ForeignKey(_tableName, new[] { column.ColumnName }, targetTable, new[] { targetColumn });
        ValidateIdentifier(name, "foreign key", location);
        _constraintNames.Add((name, location));
        _foreignKeys.Add(new ForeignKeySpec(name, column.ColumnName, targetSchema, targetPlugin, targetTable, targetColumn, onDelete, onUpdate));
    }

    private static string Action(int value) => value >= 0 && value < ReferentialActions.Length ? ReferentialActions[value] : ReferentialActions[0];

    private void ParseTableUnique(AttributeData attribute)
    {
        var location = attribute.Location(_cancellationToken);
        var names = attribute.CtorStrings();
        var columns = ResolveColumns("Unique", names, location);
        if (columns is null) return;
        var name = attribute.NamedString("Name") ?? ConstraintNames.Unique(_tableName, columns);
        AddUnique(new UniqueSpec(name, columns.ToEquatableArray(), attribute.NamedBool("NullsNotDistinct")), attribute);
    }

    private void AddUnique(UniqueSpec unique, AttributeData attribute)
    {
        var location = attribute.Location(_cancellationToken);
        ValidateIdentifier(unique.Name, "constraint", location);
        _constraintNames.Add((unique.Name, location));
        _uniques.Add(unique);
    }

    private void ParseIndex(AttributeData attribute)
    {
        var location = attribute.Location(_cancellationToken);
        var expressions = new List<string>();
        var single = attribute.NamedString("Expression");
        if (!string.IsNullOrWhiteSpace(single)) expressions.Add(single!);
        expressions.AddRange((attribute.NamedStrings("Expressions") ?? Array.Empty<string>()).Where(e => !string.IsNullOrWhiteSpace(e)));
        var names = attribute.CtorStrings();

        List<string>? columns = new();
        if (names.Length > 0 || expressions.Count == 0)
        {
            columns = ResolveColumns("Index", names, location);
            if (columns is null) return;
        }

        var where = attribute.NamedString("Where") is { Length: > 0 } predicate ? predicate : null;
        var unsafeExpression = false;
        foreach (var expression in expressions) unsafeExpression |= !ValidateExpression(expression, "Index", _type.Name, location);
        if (where is not null) unsafeExpression |= !ValidateExpression(where, "Index", _type.Name, location);
        if (unsafeExpression) return;

        var name = attribute.NamedString("Name");
        if (name is null)
        {
            if (expressions.Count > 0)
            {
                Report(DiagnosticDescriptors.ExpressionIndexWithoutName, location, _type.Name);
                return;
            }
            name = ConstraintNames.Index(_tableName, columns);
        }
        ValidateIdentifier(name, "index", location);
        _constraintNames.Add((name, location));

        var parts = columns.Select(c => new IndexPartSpec(c, false))
            .Concat(expressions.Select(e => new IndexPartSpec(Parenthesize(e.Trim()), true)))
            .ToEquatableArray();
        var method = attribute.NamedInt("Method");
        _indexes.Add(new IndexSpec(
            name,
            parts,
            attribute.NamedBool("Unique"),
            method >= 0 && method < IndexMethods.Length ? IndexMethods[method] : IndexMethods[0],
            where,
            attribute.NamedBool("Descending")));
    }

    private void ParseCheck(AttributeData attribute)
    {
        var location = attribute.Location(_cancellationToken);
        var name = attribute.CtorString(0) ?? string.Empty;
        var expression = attribute.CtorString(1) ?? string.Empty;
        ValidateIdentifier(name, "constraint", location);
        if (string.IsNullOrWhiteSpace(expression))
        {
            Report(DiagnosticDescriptors.EmptyExpression, location, "Check", _type.Name, "give the boolean SQL expression the constraint checks");
        }
        else
        {
            ValidateExpression(expression, "Check", _type.Name, location);
        }
        _constraintNames.Add((name, location));
        _checks.Add(new CheckSpec(name, expression));
    }

    /// <summary>Resolves property or column names to column names; reports the first unknown one.</summary>
    private List<string>? ResolveColumns(string attributeName, IReadOnlyList<string> names, LocationInfo? location)
    {
        if (names.Count == 0)
        {
            Report(DiagnosticDescriptors.UnknownColumn, location, attributeName, _type.Name, "(no column)", _tableName);
            return null;
        }
        var result = new List<string>();
        foreach (var name in names)
        {
            // A column whose property was already reported (say, an unsupported type) is not reported again here.
            if (_failedColumns.Contains(name)) return null;
            var column = _columns.FirstOrDefault(c => c.Property.Name == name).Column
                ?? _columns.FirstOrDefault(c => c.Column.ColumnName == name).Column;
            if (column is null)
            {
                Report(DiagnosticDescriptors.UnknownColumn, location, attributeName, _type.Name, name, _tableName);
                return null;
            }
            result.Add(column.ColumnName);
        }
        return result;
    }

    private void CheckDuplicateConstraintNames()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, location) in _constraintNames)
        {
            if (!seen.Add(name)) Report(DiagnosticDescriptors.DuplicateConstraintName, location, name, _tableName);
        }
    }

    private ConstructionSpec? AnalyzeConstruction(LocationInfo? typeLocation)
    {
        if (_type.IsAbstract)
        {
            Report(DiagnosticDescriptors.CannotConstruct, typeLocation, _type.Name, "it is abstract");
            return null;
        }
        if (_columns.Count == 0) return new ConstructionSpec(default, default);
        var columnProperties = _columns.Select(c => c.Property).ToList();
        IMethodSymbol? best = null;
        List<IPropertySymbol>? bestArguments = null;
        foreach (var constructor in _type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)) continue;
            var arguments = new List<IPropertySymbol>();
            foreach (var parameter in constructor.Parameters)
            {
                var match = columnProperties.FirstOrDefault(p =>
                    string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(p.Type, parameter.Type)
                    && !arguments.Contains(p, SymbolEqualityComparer.Default));
                if (match is null)
                {
                    arguments = null;
                    break;
                }
                arguments.Add(match);
            }
            if (arguments is not null && (bestArguments is null || arguments.Count > bestArguments.Count))
            {
                best = constructor;
                bestArguments = arguments;
            }
        }

        if (best is null || bestArguments is null)
        {
            Report(DiagnosticDescriptors.CannotConstruct, typeLocation, _type.Name, "no accessible constructor takes only column values");
            return null;
        }

        // A required member must be set in the initializer unless the constructor says it sets them all.
        var setsRequired = best.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
        var initializers = new List<string>();
        foreach (var property in columnProperties)
        {
            if (bestArguments.Contains(property, SymbolEqualityComparer.Default) && !(property.IsRequired && !setsRequired)) continue;
            if (property.SetMethod is not { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal })
            {
                Report(DiagnosticDescriptors.CannotConstruct, LocationInfo.From(property.Locations.FirstOrDefault()) ?? typeLocation, _type.Name,
                    "property '" + property.Name + "' is neither a constructor parameter nor settable from the repository");
                return null;
            }
            initializers.Add(property.Name);
        }
        return new ConstructionSpec(bestArguments.Select(p => p.Name).ToEquatableArray(), initializers.ToEquatableArray());
    }

    private void ValidateIdentifier(string name, string kind, LocationInfo? location)
    {
        if (!Identifier.TryValidate(name, out var error))
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, location, kind, error);
        }
    }

    /// <summary>An expression goes into the DDL as written: it must not end the statement or hide the rest of it.</summary>
    private bool ValidateExpression(string expression, string attributeName, string target, LocationInfo? location)
    {
        if (SqlExpression.TryValidate(expression, out var error)) return true;
        Report(DiagnosticDescriptors.UnsafeExpression, location, attributeName, target, error);
        return false;
    }

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        _usable = false;
    }

    /// <summary>PostgreSQL needs an index expression in parentheses; adds them unless the whole text is one group.</summary>
    internal static string Parenthesize(string expression)
    {
        if (expression.Length >= 2 && expression[0] == '(' && expression[expression.Length - 1] == ')')
        {
            var depth = 0;
            var inString = false;
            for (var i = 0; i < expression.Length; i++)
            {
                var c = expression[i];
                if (c == '\'') inString = !inString;
                if (inString) continue;
                if (c == '(') depth++;
                else if (c == ')') depth--;
                if (depth == 0 && i < expression.Length - 1) return "(" + expression + ")";
            }
            return expression;
        }
        return "(" + expression + ")";
    }
}
