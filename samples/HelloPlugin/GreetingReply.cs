using ElizaGen;

namespace HelloPlugin;

/// <summary>A reply to a greeting; deleting the greeting deletes its replies.</summary>
[Table("greeting_replies")]
[Index(nameof(GreetingId), nameof(CreatedAt))]
public sealed partial record GreetingReply(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: References(typeof(Greeting), OnDelete = ReferentialAction.Cascade)] Guid GreetingId,
    string Text,
    int Likes,
    DateTimeOffset CreatedAt);
