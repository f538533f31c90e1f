namespace WellnessBot.Dialogs.Turns;

/// <summary>
/// What the channels know about people, for the features: who was picked in a form, what a person is called, and
/// forgetting how to reach someone. The edges keep their own records; the features never read them directly.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>A person picked in a form (Teams' people picker gives Azure AD object ids, Slack gives user ids).</summary>
    Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct);

    /// <summary>The name a person goes by in their channel, if the channel knows them.</summary>
    Task<string?> NameOfAsync(UserRef person, CancellationToken ct);

    /// <summary>Forgets how to reach a person (a privacy erasure). Returns how many records went.</summary>
    Task<int> ForgetAsync(UserRef person, CancellationToken ct);
}
