using ElizaGen.Runtime.Snapshots;

namespace ElizaGen.Runtime.Tests.Snapshots;

public sealed class SnapshotJsonReaderErrorTests
{
    private const string TablePath = "$.tables[\"public.t\"]";

    [Theory]
    [InlineData("{\"version\":\"7\",", "line 1")]
    [InlineData("{\"version\":\"7\",\n\"dialect\":'postgresql'}", "line 2")]
    [InlineData("{} trailing", "line 1")]
    [InlineData("", "line 1")]
    public void Malformed_json_names_the_position_and_what_to_pass(string json, string position)
    {
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotJsonReader.Read(json));

        Assert.Equal("$", ex.Path);
        Assert.Contains("not valid JSON", ex.Message);
        Assert.Contains(position, ex.Message);
        Assert.Contains("drizzle-kit PostgreSQL snapshot", ex.Message);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Theory]
    [InlineData("[]", "$", "must be a JSON object, but it is a JSON array")]
    [InlineData("{\"dialect\":\"postgresql\"}", "$.version", "there is no \"version\"")]
    [InlineData("{\"version\":\"6\",\"dialect\":\"postgresql\"}", "$.version", "version \"6\"")]
    [InlineData("{\"version\":7,\"dialect\":\"postgresql\"}", "$.version", "version 7,")]
    [InlineData("{\"version\":\"5\",\"dialect\":\"pg\"}", "$.version", "drizzle-kit up")]
    [InlineData("{\"version\":\"7\"}", "$.dialect", "there is no \"dialect\"")]
    [InlineData("{\"version\":\"7\",\"dialect\":\"mysql\"}", "$.dialect", "\"mysql\"")]
    [InlineData("{\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":[]}", "$.tables", "must be a JSON object keyed by name")]
    [InlineData("{\"version\":\"7\",\"dialect\":\"postgresql\",\"enums\":{\"public.e\":{\"name\":\"e\",\"values\":{\"0\":\"a\"}}}}", "$.enums[\"public.e\"].values", "must be an array of strings")]
    public void Wrong_document_shape_version_or_dialect_is_refused_at_its_path(string json, string path, string fragment)
    {
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotJsonReader.Read(json));

        Assert.Equal(path, ex.Path);
        Assert.StartsWith("Cannot read the schema snapshot at " + path + ": ", ex.Message);
        Assert.Contains(fragment, ex.Message);
    }

    [Theory]
    [InlineData("\"columns\":{\"c\":{\"name\":\"c\"}}", ".columns[\"c\"].type", "\"type\" is missing")]
    [InlineData("\"columns\":{\"c\":{\"name\":\"c\",\"type\":5}}", ".columns[\"c\"].type", "is 5, not a string")]
    [InlineData("\"columns\":{\"c\":{\"name\":\"c\",\"type\":\"text\",\"notNull\":\"yes\"}}", ".columns[\"c\"].notNull", "not a boolean")]
    [InlineData("\"columns\":{\"c\":{\"name\":\"c\",\"type\":\"text\",\"default\":{\"x\":1}}}", ".columns[\"c\"].default", "not SQL text")]
    [InlineData("\"columns\":{\"c\":{\"name\":\"c\",\"type\":\"text\",\"generated\":{\"as\":\"1\",\"type\":\"virtual\"}}}", ".columns[\"c\"].generated.type", "\"virtual\"")]
    [InlineData("\"columns\":{\"c\":{\"name\":\"c\",\"type\":\"text\"},\"d\":{\"name\":\"c\",\"type\":\"text\"}}", ".columns[\"d\"]", "two columns named \"c\"")]
    [InlineData("\"columns\":{},\"indexes\":{\"i\":{\"name\":\"i\",\"isUnique\":false}}", ".indexes[\"i\"].columns", "has no \"columns\"")]
    [InlineData("\"columns\":{},\"indexes\":{\"i\":{\"name\":\"i\",\"columns\":[]}}", ".indexes[\"i\"].columns", "no key parts")]
    [InlineData("\"columns\":{},\"indexes\":{\"i\":{\"name\":\"i\",\"columns\":[{\"isExpression\":true}]}}", ".indexes[\"i\"].columns[0].expression", "\"expression\" is missing")]
    [InlineData("\"columns\":{},\"indexes\":{\"i\":{\"name\":\"i\",\"columns\":[\"c\"],\"with\":{\"m\":[1]}}}", ".indexes[\"i\"].with[\"m\"]", "not SQL text")]
    [InlineData("\"columns\":{},\"foreignKeys\":{\"f\":{\"name\":\"f\",\"tableTo\":\"u\",\"columnsTo\":[\"id\"]}}", ".foreignKeys[\"f\"].columnsFrom", "\"columnsFrom\" is missing")]
    [InlineData("\"columns\":{},\"foreignKeys\":{\"f\":{\"name\":\"f\",\"columnsFrom\":[\"a\"],\"tableTo\":\"u\",\"columnsTo\":[1]}}", ".foreignKeys[\"f\"].columnsTo[0]", "not a string")]
    [InlineData("\"columns\":{},\"checkConstraints\":{\"k\":{\"name\":\"k\"}}", ".checkConstraints[\"k\"].value", "\"value\" is missing")]
    [InlineData("\"columns\":{},\"uniqueConstraints\":{\"u\":\"nope\"}", ".uniqueConstraints[\"u\"]", "must be a JSON object, but it is a JSON string")]
    [InlineData("\"columns\":{\"c\":{\"name\":\"c\",\"type\":\"text\",\"isUnique\":3}}", ".columns[\"c\"].isUnique", "not a boolean")]
    public void A_bad_field_is_refused_with_its_path_and_what_to_write(string tableBody, string relativePath, string fragment)
    {
        var json = SnapshotJsonReaderDrizzleKitTests.Minimal(tableBody);

        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotJsonReader.Read(json));

        Assert.Equal(TablePath + relativePath, ex.Path);
        Assert.Contains(fragment, ex.Message);
        Assert.Contains(ex.Path, ex.Message);
        Assert.Matches(@"^Cannot read the schema snapshot at [^:]+: .+\. [A-Z].*\.$", ex.Message); // what, where, then what to do
    }

    [Fact]
    public void Two_long_index_names_that_PostgreSQL_would_cut_to_one_name_are_refused()
    {
        var stem = new string('i', 63);
        var json = SnapshotJsonReaderDrizzleKitTests.Minimal(
            "\"columns\":{},\"indexes\":{" +
            $"\"{stem}_a\":{{\"name\":\"{stem}_a\",\"columns\":[\"c\"]}}," +
            $"\"{stem}_b\":{{\"name\":\"{stem}_b\",\"columns\":[\"c\"]}}}}");

        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotJsonReader.Read(json));

        Assert.Contains($"two indexes named \"{stem}\"", ex.Message);
        Assert.Contains("63 bytes", ex.Message);
    }

    [Fact]
    public void Two_tables_with_one_schema_and_name_are_refused()
    {
        const string json = "{\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":{" +
            "\"public.t\":{\"name\":\"t\",\"schema\":\"\",\"columns\":{}}," +
            "\"x\":{\"name\":\"t\",\"schema\":\"public\",\"columns\":{}}}}";

        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotJsonReader.Read(json));

        Assert.Equal("$.tables[\"x\"]", ex.Path);
        Assert.Contains("two tables named \"public.t\"", ex.Message);
    }

    [Fact]
    public void Null_text_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => SnapshotJsonReader.Read(null!));
    }
}
