using ElizaGen.Runtime.Connections;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Connections;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void A_full_url_gives_every_part()
    {
        var builder = PostgresConnectionString.Parse("postgres://eliza:s3cret@db.example.com:6543/agents?sslmode=require");

        Assert.Equal("db.example.com", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("eliza", builder.Username);
        Assert.Equal("s3cret", builder.Password);
        Assert.Equal("agents", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void The_postgresql_scheme_is_accepted_and_the_port_defaults_to_5432()
    {
        var builder = PostgresConnectionString.Parse("PostgreSQL://eliza@localhost/agents");

        Assert.Equal("localhost", builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Equal("eliza", builder.Username);
        Assert.Null(builder.Password);
        Assert.Equal("agents", builder.Database);
    }

    [Fact]
    public void Percent_encoded_user_password_and_database_are_decoded()
    {
        var builder = PostgresConnectionString.Parse("postgres://el%40iza:p%40ss%3Aw%2Fo%3Frd%23%25@localhost/my%20db");

        Assert.Equal("el@iza", builder.Username);
        Assert.Equal("p@ss:w/o?rd#%", builder.Password);
        Assert.Equal("my db", builder.Database);
    }

    [Fact]
    public void An_unencoded_at_sign_in_the_password_still_parses()
    {
        var builder = PostgresConnectionString.Parse("postgres://eliza:p@ss@localhost:5433/agents");

        Assert.Equal("p@ss", builder.Password);
        Assert.Equal("localhost", builder.Host);
        Assert.Equal(5433, builder.Port);
    }

    [Fact]
    public void A_socket_folder_in_the_query_replaces_an_empty_host()
    {
        var builder = PostgresConnectionString.Parse("postgres://eliza@/agents?host=/var/run/postgresql&port=5499");

        Assert.Equal("/var/run/postgresql", builder.Host);
        Assert.Equal(5499, builder.Port);
        Assert.Equal("agents", builder.Database);
    }

    [Fact]
    public void A_percent_encoded_socket_folder_as_host_is_decoded()
    {
        var builder = PostgresConnectionString.Parse("postgresql://%2Ftmp%2Fpg-sock/agents");

        Assert.Equal("/tmp/pg-sock", builder.Host);
    }

    [Fact]
    public void Several_hosts_and_an_ipv6_host_are_kept()
    {
        Assert.Equal("a.example:5432,b.example:5433", PostgresConnectionString.Parse("postgres://u@a.example:5432,b.example:5433/db").Host);

        var ipv6 = PostgresConnectionString.Parse("postgres://u@[::1]:6000/db");
        Assert.Equal("::1", ipv6.Host);
        Assert.Equal(6000, ipv6.Port);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void Libpq_sslmode_values_map_to_npgsql(string sslmode, SslMode expected) =>
        Assert.Equal(expected, PostgresConnectionString.Parse($"postgres://u@h/db?sslmode={sslmode}").SslMode);

    [Fact]
    public void Libpq_query_parameters_and_npgsql_keywords_are_applied()
    {
        var builder = PostgresConnectionString.Parse(
            "postgres://u@h/db?application_name=my%20agent&connect_timeout=7&channel_binding=require" +
            "&target_session_attrs=read-write&options=-c%20search_path%3Dagents&Maximum%20Pool%20Size=7&ssl=true");

        Assert.Equal("my agent", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal(ChannelBinding.Require, builder.ChannelBinding);
        Assert.Equal("read-write", builder.TargetSessionAttributes);
        Assert.Equal("-c search_path=agents", builder.Options);
        Assert.Equal(7, builder.MaxPoolSize);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void Key_value_strings_are_accepted()
    {
        var builder = PostgresConnectionString.Parse("Host=localhost;Port=5433;Username=eliza;Password=s3cret;Database=agents");

        Assert.Equal("localhost", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("s3cret", builder.Password);
    }

    [Theory]
    [InlineData("postgres://eliza:hunter2@db:notaport/agents", "port")]
    [InlineData("postgres://eliza:hunter2@db/agents?sslmode=sometimes", "sslmode")]
    [InlineData("postgres://eliza:hunter2@db/agents?no_such_thing=1", "no_such_thing")]
    [InlineData("postgres://eliza:hunter2@db/agents?x", "not name=value")]
    [InlineData("postgres://eliza:hunter2@/agents", "no host")]
    [InlineData("postgres://eliza:hunter2@db/agents#frag", "'#'")]
    [InlineData("postgres://eliza:hunter2@db/ag%zzents", "percent-encoded")]
    [InlineData("postgres://eliza:hunter2@[::1/agents", "IPv6")]
    [InlineData("mysql://eliza:hunter2@db/agents", "only postgres:// and postgresql://")]
    [InlineData("Host=db;Password=hunter2;Bogus Keyword=1", "neither a postgres:// URL nor valid key=value pairs")]
    [InlineData("Password=hunter2;Database=agents", "no Host")]
    [InlineData("just some text hunter2", "neither")]
    public void A_malformed_string_gets_an_error_that_says_what_is_wrong_and_masks_the_password(string connectionString, string reason)
    {
        var error = Assert.Throws<InvalidConnectionStringException>(() => PostgresConnectionString.Parse(connectionString, "POSTGRES_URL"));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_URL", error.Message, StringComparison.Ordinal);
        if (!connectionString.StartsWith("just", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
            Assert.Contains(ConnectionStringMasker.Mask, error.MaskedConnectionString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unencoded_slash_in_the_password_gives_an_error_that_shows_no_part_of_it()
    {
        var error = Assert.Throws<InvalidConnectionStringException>(
            () => PostgresConnectionString.Parse("postgres://eliza:qz7/xk9?wv3@db:5432/agents"));

        Assert.DoesNotContain("qz7", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xk9", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wv3", error.Message, StringComparison.Ordinal);
        Assert.Contains("percent-encode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_made_of_digits_before_an_unencoded_question_mark_is_not_echoed()
    {
        // "eliza:4711" reads as host "eliza", port 4711; the rest ("x9q@db/agents") becomes the query.
        var error = Assert.Throws<InvalidConnectionStringException>(
            () => PostgresConnectionString.Parse("postgres://eliza:4711?x9q@db/agents"));

        Assert.DoesNotContain("4711", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("x9q", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_strings_written_differently_normalise_to_the_same_text()
    {
        string[] spellings =
        [
            "postgres://eliza:s3cret@localhost:5432/agents",
            "postgresql://eliza:s3cret@localhost/agents",
            "Host=localhost;Username=eliza;Password=s3cret;Database=agents",
            "database=agents;PASSWORD=s3cret;user id=eliza;server=localhost;Port=5432",
            "Database=agents; Password=s3cret ; Username=eliza; Host=localhost; SSL Mode=Prefer",
        ];

        var normalised = spellings.Select(s => PostgresConnectionString.Normalize(PostgresConnectionString.Parse(s))).Distinct().ToList();

        Assert.Single(normalised);
    }

    [Fact]
    public void Different_servers_or_users_normalise_to_different_text()
    {
        var a = PostgresConnectionString.Normalize(PostgresConnectionString.Parse("postgres://eliza:s3cret@localhost/agents"));
        var b = PostgresConnectionString.Normalize(PostgresConnectionString.Parse("postgres://eliza:other@localhost/agents"));
        var c = PostgresConnectionString.Normalize(PostgresConnectionString.Parse("postgres://eliza:s3cret@localhost:5433/agents"));

        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
    }

    [Fact]
    public void The_server_description_names_host_port_and_database_only()
    {
        var description = PostgresConnectionString.DescribeServer(PostgresConnectionString.Parse("postgres://eliza:s3cret@db:6543/agents"));

        Assert.Equal("db:6543/agents", description);
    }
}
