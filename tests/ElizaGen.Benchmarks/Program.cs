using BenchmarkDotNet.Running;
using ElizaGen.Benchmarks.Runs;

// eng/bench.sh runs everything and writes docs/benchmarks.md:  dotnet ElizaGen.Benchmarks.dll report [--quick] ...
// Rewrite the Markdown from the last run's figures (artifacts/bench/results.json):  ... render [--out FILE] [--artifacts DIR]
// One class by hand, e.g.:  dotnet run -c Release -- --filter '*RowBenchmarks*' --job short
// (database benchmarks use ELIZAGEN_BENCH_CONNECTION, else a private embedded cluster per process).
if (args.Length > 0 && args[0] == "report") return await ReportCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "render") return await ReportCommand.RenderAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
