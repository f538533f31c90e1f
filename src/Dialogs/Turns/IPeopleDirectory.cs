using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>Finds a person picked in a form (Teams' people picker gives Azure AD object ids, Slack gives user ids).</summary>
public interface IPeopleDirectory
{
    Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct);
}
