using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Embedded;

/// <summary>Where the embedded PostgreSQL server keeps its data, which binaries it runs, and where it logs.</summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>
    /// The folder that holds the cluster, its socket and its log. When null: <c>ELIZA_DATA_DIR</c>, else
    /// <c>PGLITE_DATA_DIR</c>, else <c>./.eliza/.elizadb</c>. A leading <c>~</c> is the home folder.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// The PostgreSQL <c>bin</c> folder (with <c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>). When null:
    /// <c>ELIZA_PG_BIN</c>, else <c>pg_config --bindir</c>, else the newest <c>/usr/lib/postgresql/*/bin</c>.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>Receives what the server start and stop did and how long each step took.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Extra server settings passed as <c>-c name=value</c> when this process starts the server (ignored when
    /// it joins a running one), e.g. <c>fsync=off</c> for a throwaway test cluster.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ServerSettings { get; init; }
}
