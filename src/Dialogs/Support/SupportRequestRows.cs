using System.Security.Cryptography;
using System.Text.Json;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Support;

/// <summary>
/// A support request as a table row. Routing state and anonymous counts are plain columns; who asked and whether it
/// is urgent are sealed in "Private" and the details in "Details" (AES-GCM, each bound to the request and the
/// column). "RequesterIndex" is a keyed HMAC of who asked, so "my open request" is found without storing their id.
/// </summary>
internal sealed class SupportRequestRows(DetailsProtector protector)
{
    public const string RequesterIndexColumn = "RequesterIndex";

    /// <summary>Columns of rows written before identities were sealed: read, and rewritten sealed by the sweep.</summary>
    private const string PlainRequesterId = "RequesterId", PlainRequesterChannel = "RequesterChannel", PlainUrgent = "Urgent";

    public TableEntity ToEntity(SupportRequest r)
    {
        var (pk, rk) = StorageKeys.SupportRequest(r.Id);
        var entity = new TableEntity(pk, rk)
        {
            ["Tier"] = r.Tier.ToString(),
            ["Status"] = r.Status.ToString(),
            ["CreatedAt"] = r.CreatedAt,
            ["OfferedAt"] = r.OfferedAt,
            ["AcceptedAt"] = r.AcceptedAt,
            ["ClosedAt"] = r.ClosedAt,
            ["Passed"] = JsonSerializer.Serialize(r.Passed, SupportJson.Default.IReadOnlyListString),
            ["Timer"] = r.Timer.ToString(),
            ["DueAt"] = r.DueAt,
            ["RemindersSent"] = r.RemindersSent,
            ["RemindFrom"] = r.RemindFrom,
            ["Purged"] = r.Purged,
            ["Kind"] = r.Kind.ToString(),
            ["EventId"] = r.EventId,
            ["Private"] = protector.Protect(JsonSerializer.Serialize(SealedFacts.Of(r), SupportJson.Default.SealedFacts), r.Id + "|private"),
        };
        if (r.Requester is { } requester) entity[RequesterIndexColumn] = protector.IndexOf(requester.Key);
        Person(entity, "Supporter", r.Supporter);
        Person(entity, "EscalatedTo", r.EscalatedTo);
        if (r.Details is { } details)
            entity["Details"] = protector.Protect(JsonSerializer.Serialize(details, SupportJson.Default.SupportDetails), r.Id);
        return entity;
    }

    /// <summary>
    /// A row as a request. With <paramref name="withDetails"/>, anything that cannot be decrypted throws
    /// <see cref="CryptographicException"/>; without, such a request comes back marked <see cref="SupportRequest.Unreadable"/>.
    /// </summary>
    public SupportRequest FromEntity(TableEntity e, bool withDetails)
    {
        var facts = Facts(e, throwWhenUnreadable: withDetails);
        return new SupportRequest
        {
            Id = e.RowKey,
            Tier = Enum.TryParse<SupportTier>(e.GetString("Tier"), out var tier) ? tier : SupportTier.NotSure,
            Urgent = facts?.Urgent ?? false,
            Status = Enum.TryParse<SupportStatus>(e.GetString("Status"), out var status) ? status : SupportStatus.New,
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            OfferedAt = e.GetDateTimeOffset("OfferedAt"),
            AcceptedAt = e.GetDateTimeOffset("AcceptedAt"),
            ClosedAt = e.GetDateTimeOffset("ClosedAt"),
            Passed = JsonSerializer.Deserialize(e.GetString("Passed") ?? "[]", SupportJson.Default.IReadOnlyListString) ?? [],
            Timer = Enum.TryParse<SupportTimer>(e.GetString("Timer"), out var timer) ? timer : SupportTimer.None,
            DueAt = e.GetDateTimeOffset("DueAt"),
            RemindersSent = e.GetInt32("RemindersSent") ?? 0,
            RemindFrom = e.GetDateTimeOffset("RemindFrom"),
            Purged = e.GetBoolean("Purged") ?? false,
            Requester = facts is { RequesterId: { Length: > 0 } id } ? new UserRef(facts.RequesterChannel ?? "", id, "") : null,
            Kind = Enum.TryParse<SupportKind>(e.GetString("Kind"), out var kind) ? kind : SupportKind.Asked,
            Referrer = facts is { ReferrerId: { Length: > 0 } referrer } ? new UserRef(facts.ReferrerChannel ?? "", referrer, "") : null,
            ReferrerNamed = facts?.ReferrerNamed ?? false,
            EventId = e.GetString("EventId"),
            EventLabel = facts?.EventLabel,
            Shown = facts?.Shown ?? [],
            Supporter = Person(e, "Supporter"),
            EscalatedTo = Person(e, "EscalatedTo"),
            Details = withDetails && e.GetString("Details") is { } stored
                ? JsonSerializer.Deserialize(protector.Unprotect(stored, e.RowKey), SupportJson.Default.SupportDetails)
                : null,
            DetailsRead = withDetails,
            Unreadable = facts is null,
            ETag = e.ETag,
        };
    }

    /// <summary>True for a row that still holds who asked, or the urgency, in plain columns.</summary>
    public static bool HoldsPlainFacts(TableEntity e) => e.ContainsKey(PlainRequesterId) || e.ContainsKey(PlainUrgent);

    /// <summary>The filter of a row written before sealing, by the plain requester columns.</summary>
    public static TableQuery PlainRequesterQuery(UserRef requester) => TableQuery.InPartition(StorageKeys.SupportRequestsPartition)
        .Where(PlainRequesterChannel, FilterOperator.Equal, requester.Channel).Where(PlainRequesterId, FilterOperator.Equal, requester.Id);

    private SealedFacts? Facts(TableEntity e, bool throwWhenUnreadable)
    {
        if (e.GetString("Private") is not { } sealedFacts)
            return new SealedFacts(e.GetString(PlainRequesterChannel), e.GetString(PlainRequesterId), e.GetBoolean(PlainUrgent) ?? false);
        try
        {
            return JsonSerializer.Deserialize(protector.Unprotect(sealedFacts, e.RowKey + "|private"), SupportJson.Default.SealedFacts);
        }
        catch (Exception ex) when (!throwWhenUnreadable && ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    // Supporters and coordinators are stored by channel, id and name: they act for the program, and lists show them.
    private static void Person(TableEntity entity, string prefix, UserRef? person)
    {
        if (person is null) return;
        entity[prefix + "Channel"] = person.Channel;
        entity[prefix + "Id"] = person.Id;
        entity[prefix + "Name"] = person.Name;
    }

    private static UserRef? Person(TableEntity entity, string prefix) =>
        entity.GetString(prefix + "Id") is { Length: > 0 } id
            ? new UserRef(entity.GetString(prefix + "Channel") ?? "", id, entity.GetString(prefix + "Name") ?? "")
            : null;
}

/// <summary>What is sealed beside the details: who it is for and who referred them (kept until the purge), the urgency, an event's label.</summary>
internal sealed record SealedFacts(string? RequesterChannel, string? RequesterId, bool Urgent,
    string? ReferrerChannel = null, string? ReferrerId = null, bool ReferrerNamed = false, string? EventLabel = null, IReadOnlyList<ShownCard>? Shown = null)
{
    public static SealedFacts Of(SupportRequest r) =>
        new(r.Requester?.Channel, r.Requester?.Id, r.Urgent, r.Referrer?.Channel, r.Referrer?.Id, r.ReferrerNamed, r.EventLabel, r.Shown.Count == 0 ? null : r.Shown);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(SupportDetails))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SealedFacts))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ShownCard))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class SupportJson : System.Text.Json.Serialization.JsonSerializerContext;
