using System;

namespace ElizaGen;

/// <summary>
/// The column's SQL default, written as is into DDL: <c>[Default("now()")]</c>, <c>[Default("gen_random_uuid()")]</c>,
/// <c>[Default("'draft'")]</c>, <c>[Default("'{}'::jsonb")]</c>. The repositories write every column, so the
/// default applies to rows inserted by other SQL and to existing rows when the column is added.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class DefaultAttribute : Attribute
{
    /// <summary>Sets the default.</summary>
    /// <param name="sqlExpression">A SQL expression; string literals need their quotes.</param>
    public DefaultAttribute(string sqlExpression) => SqlExpression = sqlExpression;

    /// <summary>The SQL expression.</summary>
    public string SqlExpression { get; }
}
