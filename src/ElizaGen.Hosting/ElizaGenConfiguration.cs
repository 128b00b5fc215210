using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ElizaGen.Hosting;

/// <summary>
/// Binds <see cref="ElizaGenOptions"/> from the <c>ElizaGen</c> section, and takes <c>ConnectionStrings:ElizaGen</c>
/// when the section names no server. Without an <see cref="IConfiguration"/> in the container it leaves the defaults.
/// </summary>
internal sealed class ElizaGenConfiguration(IConfiguration? configuration = null) : IConfigureOptions<ElizaGenOptions>
{
    public void Configure(ElizaGenOptions options)
    {
        if (configuration is null) return;
        try
        {
            configuration.GetSection(ElizaGenOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"The '{ElizaGenOptions.SectionName}' configuration section could not be read: {e.Message} " +
                "Booleans are true/false, durations are written like 00:00:30.", e);
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = configuration.GetConnectionString(ElizaGenOptions.ConnectionStringName);
        }
    }
}
