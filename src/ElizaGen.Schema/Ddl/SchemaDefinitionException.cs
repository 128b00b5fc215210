using System;

namespace ElizaGen.Schema.Ddl;

/// <summary>
/// A snapshot that cannot be written as DDL: a column with both a default and a generated expression, a
/// foreign key whose column lists differ in length, a key over a column the table does not have, a type name
/// PostgreSQL would not accept. The message names the table and what to change.
/// </summary>
public sealed class SchemaDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public SchemaDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around the error that revealed the problem.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="inner">The underlying error.</param>
    public SchemaDefinitionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
