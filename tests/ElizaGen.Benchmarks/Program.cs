using BenchmarkDotNet.Running;
using ElizaGen.Benchmarks.Runs;

// eng/bench.sh runs everything and writes docs/benchmarks.md:  dotnet ElizaGen.Benchmarks.dll report [--quick] ...
// One class by hand, e.g.:  dotnet run -c Release -- --filter '*RowBenchmarks*' --job short
// (database benchmarks use ELIZAGEN_BENCH_CONNECTION, else a private embedded cluster per process).
if (args.Length > 0 && args[0] == "report") return await ReportCommand.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
