namespace ElizaGen.Runtime.Embedded;

/// <summary>
/// An exclusive lock on the data folder's lock file, held while a process checks, starts or stops the server, so
/// that concurrent starters (threads or processes) take turns. The operating system releases it if the holder dies.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(25);

    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static async Task<DataDirectoryLock> AcquireAsync(string lockFile, string user, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // On Unix, FileShare.None takes an exclusive flock(2), which other processes and other opens in this
                // process both respect.
                return new DataDirectoryLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (UnauthorizedAccessException e)
            {
                throw EmbeddedPostgresException.NotWritable(Path.GetDirectoryName(lockFile)!, user, e);
            }
            catch (IOException e) when (HeldByAnother(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(RetryInterval, ct).ConfigureAwait(false);
            }
            catch (IOException e) when (HeldByAnother(e))
            {
                throw new EmbeddedPostgresException(
                    $"Another process has held {lockFile} for more than {timeout.TotalSeconds:0} s while starting or " +
                    "stopping the embedded PostgreSQL server of that folder. Wait for it or stop it, then try again.", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>.NET reports a lock held elsewhere as a plain IOException carrying EWOULDBLOCK (11 on Linux, 35 on macOS).</summary>
    private static bool HeldByAnother(IOException e) => e.GetType() == typeof(IOException) && e.HResult is 11 or 35;
}
