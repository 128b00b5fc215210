namespace ElizaGen;

/// <summary>A PostgreSQL index access method.</summary>
public enum IndexMethod
{
    /// <summary>B-tree: equality and ranges (the default).</summary>
    Btree,

    /// <summary>GIN: jsonb containment, arrays, full-text search.</summary>
    Gin,

    /// <summary>GiST: geometric types, ranges, nearest neighbours.</summary>
    Gist,

    /// <summary>Hash: equality only.</summary>
    Hash,

    /// <summary>BRIN: huge tables whose values follow the physical order.</summary>
    Brin,
}
