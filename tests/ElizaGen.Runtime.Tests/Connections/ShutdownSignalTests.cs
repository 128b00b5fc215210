using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Connections;

/// <summary>
/// A child process (ElizaGen.Runtime.Tests.ShutdownProbe) works on a database until a signal arrives; the library's
/// shutdown handling must close everything and end it with exit code 0.
/// </summary>
public sealed class ShutdownSignalTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(SIGTERM)]
    [InlineData(SIGINT)]
    public async Task A_signal_mid_work_ends_the_process_with_0_and_leaves_no_connection(int signal)
    {
        var app = "probe-" + Guid.NewGuid().ToString("N")[..8];
        var url = "postgres://postgres@/postgres?host=" + Uri.EscapeDataString(fixture.Cluster.SocketDirectory);
        await using var probe = Probe.Start(app, new Dictionary<string, string?> { ["POSTGRES_URL"] = url, ["DATABASE_URL"] = null });

        await probe.WaitForLineAsync("WORKING", TimeSpan.FromSeconds(60));
        Assert.Contains("OPENED PostgresUrlVariable", probe.Output, StringComparison.Ordinal);
        Assert.True(await ConnectionsNamedAsync(app) > 0, "the probe holds connections while it works");

        probe.Signal(signal);
        var exitCode = await probe.WaitForExitAsync(ExitBound);

        Assert.Equal(0, exitCode);
        await Conditions.WaitUntilAsync(async () => await ConnectionsNamedAsync(app) == 0, TimeSpan.FromSeconds(5), "the probe's connections to be gone from pg_stat_activity");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_embedded_server_the_probe_started_is_stopped_on_SIGTERM_and_on_process_exit(bool signal)
    {
        var dataDirectory = Path.Combine("/tmp", "egc-emb-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var probe = Probe.Start(
                "probe-embedded",
                new Dictionary<string, string?>
                {
                    ["POSTGRES_URL"] = null,
                    ["DATABASE_URL"] = null,
                    ["PGLITE_DATA_DIR"] = null,
                    ["ELIZA_DATA_DIR"] = dataDirectory,
                },
                signal ? [] : ["return-after-work"]);

            await probe.WaitForLineAsync("WORKING", TimeSpan.FromSeconds(120));
            Assert.Contains("OPENED Embedded", probe.Output, StringComparison.Ordinal);
            var pidFile = Directory.GetFiles(dataDirectory, "postmaster.pid", SearchOption.AllDirectories).Single();
            var postmaster = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);

            if (signal)
            {
                probe.Signal(SIGTERM);
            }
            else
            {
                probe.LetReturn();
            }

            var exitCode = await probe.WaitForExitAsync(ExitBound);

            Assert.Equal(0, exitCode);

            // The stop was started by the probe before it ended; the server finishes it on its own a moment later.
            await Conditions.WaitUntilAsync(
                () => !File.Exists(pidFile) && !ProcessIsAlive(postmaster), TimeSpan.FromSeconds(10),
                $"the embedded server (pid {postmaster}) to stop and remove its postmaster.pid");
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<long> ConnectionsNamedAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(fixture.Cluster.ConnectionString + ";Application Name=observer;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.AddWithValue(applicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>The probe process, its collected output, and a bounded wait for its exit.</summary>
    private sealed class Probe : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private Probe(Process process)
        {
            _process = process;
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static Probe Start(string applicationName, IReadOnlyDictionary<string, string?> environment, string[]? extraArguments = null)
        {
            var (fileName, prefix) = Locate();
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in prefix)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(applicationName);
            foreach (var argument in extraArguments ?? [])
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment)
            {
                if (value is null)
                {
                    start.Environment.Remove(name);
                }
                else
                {
                    start.Environment[name] = value;
                }
            }

            var process = new Process { StartInfo = start };
            var probe = new Probe(process);
            process.OutputDataReceived += (_, e) => probe.Append(e.Data);
            process.ErrorDataReceived += (_, e) => probe.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return probe;
        }

        public async Task WaitForLineAsync(string line, TimeSpan bound)
        {
            await Conditions.WaitUntilAsync(
                () => Output.Contains(line, StringComparison.Ordinal) || _process.HasExited, bound, $"the probe to print {line}");
            Assert.True(!_process.HasExited, $"The probe ended before it printed {line}. Output:\n{Output}");
        }

        /// <summary>In "return-after-work" mode the probe returns from Main once it reads a line.</summary>
        public void LetReturn()
        {
            _process.StandardInput.WriteLine("return");
            _process.StandardInput.Flush();
        }

        public void Signal(int signal) =>
            Assert.True(Kill(_process.Id, signal) == 0, $"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");

        /// <summary>Waits at most <paramref name="bound"/> for the process to end; fails clearly when it does not.</summary>
        public async Task<int> WaitForExitAsync(TimeSpan bound)
        {
            using var timeout = new CancellationTokenSource(bound);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                Assert.Fail($"The probe did not exit within {bound.TotalSeconds:0.#} s (of the signal, or of returning from Main). Output:\n{Output}");
            }

            await _process.WaitForExitAsync(); // drains the output
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        /// <summary>The probe's build output: the directory layout mirrors this test assembly's (bin/Config/tfm).</summary>
        private static (string FileName, string[] Prefix) Locate()
        {
            const string name = "ElizaGen.Runtime.Tests.ShutdownProbe";
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var testsFolder = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
            var probeOutput = Path.Combine(testsFolder, name, "bin", configuration, framework);
            var dll = Path.Combine(probeOutput, name + ".dll");
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException(
                    $"The shutdown probe is not built at {probeOutput}. Build tests/{name} (ElizaGen.Runtime.Tests references it, so building the tests builds it).", dll);
            }

            var apphost = Path.Combine(probeOutput, name);
            return File.Exists(apphost) ? (apphost, []) : ("dotnet", [dll]);
        }
    }
}
