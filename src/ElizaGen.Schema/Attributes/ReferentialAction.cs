namespace ElizaGen;

/// <summary>What PostgreSQL does to referencing rows when the referenced row is deleted or its key updated.</summary>
public enum ReferentialAction
{
    /// <summary>Fail at the end of the statement if referencing rows remain (the default).</summary>
    NoAction,

    /// <summary>Fail at once if referencing rows exist.</summary>
    Restrict,

    /// <summary>Delete (or update) the referencing rows too.</summary>
    Cascade,

    /// <summary>Set the referencing columns to NULL.</summary>
    SetNull,

    /// <summary>Set the referencing columns to their defaults.</summary>
    SetDefault,
}
