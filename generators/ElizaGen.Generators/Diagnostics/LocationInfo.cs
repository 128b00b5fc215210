using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ElizaGen.Generators.Diagnostics;

/// <summary>
/// A source location as plain values, so that specs stay equatable and hold no syntax tree
/// (a <see cref="Location"/> would keep the whole compilation alive and break caching).
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || !location.IsInSource) return null;
        var span = location.GetLineSpan();
        return new LocationInfo(
            location.SourceTree?.FilePath ?? span.Path,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character);
    }

    public static LocationInfo? From(SyntaxReference? reference, System.Threading.CancellationToken cancellationToken)
        => reference is null ? null : From(reference.GetSyntax(cancellationToken).GetLocation());

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
}
