namespace ElizaGen.Benchmarks.Runs;

/// <summary>Everything one run of <c>report</c> measured; sections not run are null.</summary>
public sealed record BenchReport(
    bool Quick,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    MachineInfo Machine,
    string LoadAtStart,
    string LoadAtEnd,
    string Server,
    VersionInfo Versions,
    string CallJob,
    string BulkJob,
    IReadOnlyList<Figure>? Rows,
    IReadOnlyList<PairedFigure>? PairedRows,
    IReadOnlyList<PairedFigure>? PairedBulk,
    IReadOnlyList<PairedFigure>? PairedMigrations,
    IReadOnlyList<MigrationTraceResult>? MigrationTrace,
    IReadOnlyList<Figure>? Bulk,
    VectorSearchResult? Vectors,
    IReadOnlyList<Figure>? Migrations,
    PeerBenchResult? Peer,
    PeerBenchResult? AdapterPeer,
    IReadOnlyList<Figure>? Generator);
