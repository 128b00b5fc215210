namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>A fact about running as root (PostgreSQL then runs as the postgres user); skipped for other users.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "Runs only as root: it checks how the embedded server switches to the postgres user.";
    }
}
