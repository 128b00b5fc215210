using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Runtime.Tests.Snapshots;

/// <summary>Snapshots in drizzle-kit's own shape (as `drizzle-kit generate` writes them to meta/*_snapshot.json).</summary>
public sealed class SnapshotJsonReaderDrizzleKitTests
{
    /// <summary>
    /// Keys in another order than ours, drizzle-kit's id/prevId/internal, policies, sequences, an identity column,
    /// "" as the public schema, column-level unique flags, a foreign key without schemaTo, index options, and a
    /// second table leaving out every optional map.
    /// </summary>
    private const string DrizzleKitSnapshot = """
        {
          "id": "0b3d7f5e-8f6c-4a51-9d0e-2f3c1a7b6e90",
          "prevId": "00000000-0000-0000-0000-000000000000",
          "dialect": "postgresql",
          "version": "7",
          "tables": {
            "public.users": {
              "schema": "",
              "name": "users",
              "isRLSEnabled": false,
              "columns": {
                "id": { "primaryKey": true, "name": "id", "type": "serial", "notNull": true },
                "email": { "name": "email", "type": "varchar(255)", "primaryKey": false, "notNull": true,
                           "isUnique": true, "uniqueName": "users_email_key", "nullsNotDistinct": true },
                "handle": { "name": "handle", "type": "text", "primaryKey": false, "notNull": false, "isUnique": true },
                "nickname": { "name": "nickname", "type": "text", "primaryKey": false, "notNull": false, "isUnique": false, "uniqueName": "users_nickname_unique" },
                "mood": { "name": "mood", "type": "mood", "typeSchema": "public", "primaryKey": false, "notNull": false, "default": "'ok'" },
                "age": { "name": "age", "type": "integer", "primaryKey": false, "notNull": true, "default": 18 },
                "active": { "name": "active", "type": "boolean", "primaryKey": false, "notNull": true, "default": false },
                "seq": { "name": "seq", "type": "integer", "primaryKey": false, "notNull": true,
                         "identity": { "type": "always", "name": "users_seq_seq", "schema": "public", "increment": "1",
                                       "startWith": "1", "minValue": "1", "maxValue": "2147483647", "cache": "1", "cycle": false } },
                "email_lower": { "name": "email_lower", "type": "text", "primaryKey": false, "notNull": false,
                                 "generated": { "type": "stored", "as": "lower(\"users\".\"email\")" } }
              },
              "indexes": {
                "users_lower_email_idx": {
                  "with": { "fillfactor": 70, "deduplicate_items": true, "note": "x" },
                  "method": "btree",
                  "concurrently": true,
                  "where": "\"users\".\"age\" > 18",
                  "isUnique": true,
                  "columns": [ { "nulls": "last", "isExpression": true, "asc": true, "expression": "lower(\"email\")" } ],
                  "name": "users_lower_email_idx"
                },
                "users_age_index": {
                  "name": "users_age_index",
                  "columns": [ { "expression": "age", "isExpression": false, "asc": false, "nulls": "first", "opclass": "int4_ops" } ],
                  "isUnique": false, "concurrently": false, "method": "btree", "with": {}
                }
              },
              "foreignKeys": {},
              "compositePrimaryKeys": {},
              "uniqueConstraints": {},
              "policies": { "users_read": { "name": "users_read", "as": "PERMISSIVE", "for": "SELECT", "to": ["public"] } },
              "checkConstraints": { "users_age_check": { "name": "users_age_check", "value": "\"users\".\"age\" > 0" } }
            },
            "auth.sessions": {
              "name": "sessions",
              "schema": "auth",
              "columns": {
                "user_id": { "name": "user_id", "type": "integer", "primaryKey": false, "notNull": true },
                "token": { "name": "token", "type": "text", "primaryKey": false, "notNull": true }
              },
              "indexes": {},
              "foreignKeys": {
                "sessions_user_id_users_id_fk": {
                  "name": "sessions_user_id_users_id_fk", "tableFrom": "sessions", "tableTo": "users",
                  "columnsFrom": ["user_id"], "columnsTo": ["id"], "onDelete": "CASCADE"
                }
              },
              "compositePrimaryKeys": { "sessions_user_id_token_pk": { "name": "sessions_user_id_token_pk", "columns": ["user_id", "token"] } }
            }
          },
          "enums": { "public.mood": { "name": "mood", "schema": "public", "values": ["sad", "ok", "happy"] } },
          "schemas": { "auth": "auth" },
          "sequences": { "public.counter": { "name": "counter", "schema": "public", "increment": "1" } },
          "roles": {},
          "policies": {},
          "views": {},
          "_meta": { "columns": {}, "schemas": {}, "tables": {} },
          "internal": { "tables": {} }
        }
        """;

    [Fact]
    public void Reads_a_drizzle_kit_snapshot_into_the_expected_model()
    {
        var expected = SchemaSnapshot.Create(
            new[]
            {
                new TableSnapshot(
                    "public",
                    "users",
                    new[]
                    {
                        new ColumnSnapshot("id", "serial", PrimaryKey: true, NotNull: true),
                        new ColumnSnapshot("email", "varchar(255)", NotNull: true),
                        new ColumnSnapshot("handle", "text"),
                        new ColumnSnapshot("nickname", "text"),
                        new ColumnSnapshot("mood", "mood", Default: "'ok'", TypeSchema: "public"),
                        new ColumnSnapshot("age", "integer", NotNull: true, Default: "18"),
                        new ColumnSnapshot("active", "boolean", NotNull: true, Default: "false"),
                        new ColumnSnapshot("seq", "integer", NotNull: true),
                        new ColumnSnapshot("email_lower", "text", Generated: new GeneratedColumnSnapshot("lower(\"users\".\"email\")")),
                    },
                    Indexes: new[]
                    {
                        new IndexSnapshot(
                            "users_lower_email_idx",
                            new[] { new IndexColumnSnapshot("lower(\"email\")", IsExpression: true) },
                            IsUnique: true,
                            Where: "\"users\".\"age\" > 18",
                            With: new[] { new IndexParameter("deduplicate_items", "true"), new IndexParameter("fillfactor", "70"), new IndexParameter("note", "x") },
                            Concurrently: true),
                        new IndexSnapshot("users_age_index", new[] { new IndexColumnSnapshot("age", Asc: false, Nulls: "first", Opclass: "int4_ops") }),
                    },
                    UniqueConstraints: new[]
                    {
                        new UniqueConstraintSnapshot("users_email_key", new[] { "email" }, NullsNotDistinct: true),
                        new UniqueConstraintSnapshot("users_handle_unique", new[] { "handle" }),
                    },
                    CheckConstraints: new[] { new CheckConstraintSnapshot("users_age_check", "\"users\".\"age\" > 0") }),
                new TableSnapshot(
                    "auth",
                    "sessions",
                    new[] { new ColumnSnapshot("user_id", "integer", NotNull: true), new ColumnSnapshot("token", "text", NotNull: true) },
                    ForeignKeys: new[]
                    {
                        new ForeignKeySnapshot("sessions_user_id_users_id_fk", "sessions", new[] { "user_id" }, "public", "users", new[] { "id" }, OnDelete: "cascade"),
                    },
                    CompositePrimaryKeys: new[] { new PrimaryKeySnapshot("sessions_user_id_token_pk", new[] { "user_id", "token" }) }),
            },
            new[] { new EnumSnapshot("public", "mood", new[] { "sad", "ok", "happy" }) },
            new[] { "auth" });

        var read = SnapshotJsonReader.Read(DrizzleKitSnapshot);

        Assert.Equal(expected, read);
    }

    [Fact]
    public void A_column_level_unique_already_listed_as_a_constraint_is_not_added_twice()
    {
        var json = Minimal(
            "\"columns\":{\"email\":{\"name\":\"email\",\"type\":\"text\",\"primaryKey\":false,\"notNull\":true,\"isUnique\":true,\"uniqueName\":\"t_email_unique\"}}," +
            "\"uniqueConstraints\":{\"t_email_unique\":{\"name\":\"t_email_unique\",\"columns\":[\"email\"],\"nullsNotDistinct\":false}}");

        var table = SnapshotJsonReader.Read(json).Tables[0];

        Assert.Equal(new UniqueConstraintSnapshot("t_email_unique", new[] { "email" }), Assert.Single(table.UniqueConstraints));
    }

    [Fact]
    public void Missing_names_are_taken_from_the_map_keys()
    {
        var json = """
            {"version":"7","dialect":"postgresql","tables":{"acme.t":{"columns":{"c":{"type":"text"}},
             "indexes":{"t_c_index":{"columns":["c"]}}}},
             "enums":{"acme.e":{"values":["a"]}}}
            """;

        var snapshot = SnapshotJsonReader.Read(json);

        var table = Assert.Single(snapshot.Tables);
        Assert.Equal(("acme", "t"), (table.Schema, table.Name));
        Assert.Equal(new ColumnSnapshot("c", "text"), Assert.Single(table.Columns));
        Assert.Equal(new IndexSnapshot("t_c_index", new[] { new IndexColumnSnapshot("c") }), Assert.Single(table.Indexes));
        Assert.Equal(new EnumSnapshot("acme", "e", new[] { "a" }), Assert.Single(snapshot.Enums));
        Assert.Equal(new[] { "acme" }, snapshot.Schemas);
    }

    [Fact]
    public void A_descending_key_part_without_nulls_sorts_nulls_first_as_PostgreSQL_does()
    {
        var json = Minimal(
            "\"columns\":{\"c\":{\"name\":\"c\",\"type\":\"int\",\"primaryKey\":false,\"notNull\":false}}," +
            "\"indexes\":{\"i\":{\"name\":\"i\",\"columns\":[{\"expression\":\"c\",\"isExpression\":false,\"asc\":false}],\"isUnique\":false}}");

        var part = SnapshotJsonReader.Read(json).Tables[0].Indexes[0].Columns[0];

        Assert.Equal(new IndexColumnSnapshot("c", Asc: false, Nulls: "first"), part);
    }

    [Fact]
    public void Null_optional_values_mean_absent()
    {
        var json = Minimal(
            "\"columns\":{\"c\":{\"name\":\"c\",\"type\":\"text\",\"typeSchema\":null,\"primaryKey\":null,\"notNull\":false,\"default\":null,\"generated\":null}}," +
            "\"indexes\":null,\"foreignKeys\":null");

        Assert.Equal(new ColumnSnapshot("c", "text"), SnapshotJsonReader.Read(json).Tables[0].Columns[0]);
    }

    internal static string Minimal(string tableBody) =>
        "{\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":{\"public.t\":{\"name\":\"t\",\"schema\":\"public\"," + tableBody + "}}}";
}
