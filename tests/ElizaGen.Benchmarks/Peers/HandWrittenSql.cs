using ElizaGen.Benchmarks.Schema;
using Npgsql;

namespace ElizaGen.Benchmarks.Peers;

/// <summary>
/// The floor the repository is held to: hand-written Npgsql with prepared statements, typed parameters
/// (<see cref="NpgsqlParameter{T}"/>: no boxing) and ordinal reads. Dapper runs the same statements with named
/// parameters.
/// </summary>
internal static class HandWrittenSql
{
    private const string Items = "\"elizagen_bench\".\"items\"";
    private const string ItemColumns = "\"id\", \"group_id\", \"name\", \"note\", \"quantity\", \"created_at\"";

    public const string GetItem = "SELECT " + ItemColumns + " FROM " + Items + " WHERE \"id\" = $1";
    public const string PageOfItems = "SELECT " + ItemColumns + " FROM " + Items + " WHERE \"group_id\" = $1";
    public const string InsertItem = "INSERT INTO " + Items + " (" + ItemColumns + ") VALUES ($1, $2, $3, $4, $5, $6)";

    public const string DapperGetItem = "SELECT " + ItemColumns + " FROM " + Items + " WHERE \"id\" = @id";
    public const string DapperPageOfItems = "SELECT " + ItemColumns + " FROM " + Items + " WHERE \"group_id\" = @groupId";
    public const string DapperInsertItem = "INSERT INTO " + Items + " (" + ItemColumns + ") VALUES (@Id, @GroupId, @Name, @Note, @Quantity, @CreatedAt)";

    public const string MemoriesTable = "\"elizagen_bench\".\"memories\"";
    public const string DapperInsertMemory = "INSERT INTO " + MemoriesTable + " (\"id\", \"content\", \"embedding\") VALUES (@Id, @Content::jsonb, @Embedding)";

    public static void AddItemParameters(NpgsqlCommand command, Item row)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.GroupId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Name });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = row.Note });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Quantity });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.CreatedAt });
    }

    public static Item ReadItem(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetInt32(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
