using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// The entity group transaction wire format: one multipart/mixed batch holding one changeset, each part a
/// complete HTTP request (absolute URL). The response mirrors it; on failure a single part carries the
/// error, whose message starts with the failing operation's index ("3:…").
/// </summary>
internal static partial class TableBatchBody
{
    public static (byte[] Body, string ContentType) Build(Uri tableUrl, IReadOnlyList<TableTransactionAction> actions, Func<string, string, string> entityPath)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var sb = new StringBuilder();
        sb.Append("--").Append(batch).Append("\r\n");
        sb.Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, url, ifMatch, withBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUrl.AbsoluteUri, (string?)null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", EntityUrl(), null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", EntityUrl(), null, true),
                TableTransactionActionType.UpdateReplace => ("PUT", EntityUrl(), action.ETag.ToString(), true),
                TableTransactionActionType.UpdateMerge => ("MERGE", EntityUrl(), action.ETag.ToString(), true),
                _ => ("DELETE", EntityUrl(), action.ETag == default ? "*" : action.ETag.ToString(), false),
            };

            sb.Append("--").Append(changeset).Append("\r\n");
            sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            sb.Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n");
            sb.Append("Accept: application/json;odata=minimalmetadata\r\n");
            sb.Append("DataServiceVersion: 3.0;\r\n");
            sb.Append(CultureInfo.InvariantCulture, $"Content-ID: {i}\r\n");
            if (ifMatch is not null) sb.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            if (withBody)
            {
                var json = Encoding.UTF8.GetString(ODataEntityJson.Serialize(entity));
                sb.Append("Prefer: return-no-content\r\n");
                sb.Append("Content-Type: application/json\r\n\r\n");
                sb.Append(json).Append("\r\n");
            }
            else
            {
                sb.Append("\r\n");
            }

            string EntityUrl() => tableUrl.AbsoluteUri + entityPath(entity.PartitionKey, entity.RowKey);
        }
        sb.Append("--").Append(changeset).Append("--\r\n");
        sb.Append("--").Append(batch).Append("--\r\n");
        return (Encoding.UTF8.GetBytes(sb.ToString()), "multipart/mixed; boundary=" + batch);
    }

    public sealed record PartResult(int Status, string? ETag, string Body);

    /// <summary>The HTTP responses inside a batch response, in order.</summary>
    public static IReadOnlyList<PartResult> Parse(string body)
    {
        var results = new List<PartResult>();
        var matches = StatusLine().Matches(body);
        for (var m = 0; m < matches.Count; m++)
        {
            var start = matches[m].Index;
            var end = m + 1 < matches.Count ? matches[m + 1].Index : body.Length;
            var part = body[start..end];
            var status = int.Parse(matches[m].Groups[1].Value, CultureInfo.InvariantCulture);
            var etagMatch = ETagHeader().Match(part);
            var blank = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (blank < 0) blank = part.IndexOf("\n\n", StringComparison.Ordinal);
            var partBody = blank < 0 ? "" : part[(blank + 2)..].Trim();
            var boundary = partBody.IndexOf("\n--", StringComparison.Ordinal);
            if (boundary >= 0) partBody = partBody[..boundary].Trim();
            results.Add(new PartResult(status, etagMatch.Success ? etagMatch.Groups[1].Value.Trim() : null, partBody));
        }
        return results;
    }

    /// <summary>The failing operation's index from an error message like "2:The specified entity already exists."</summary>
    public static int FailedIndex(string? message, int count)
    {
        if (message is null) return 0;
        var match = IndexPrefix().Match(message);
        return match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var index) && index < count ? index : 0;
    }

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^ETag:\s*(.+?)\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ETagHeader();

    [GeneratedRegex(@"^\s*(\d+)\s*:")]
    private static partial Regex IndexPrefix();
}
