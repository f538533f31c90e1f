using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WellnessBot.Storage.AzureTables;

/// <summary>
/// Azure Table Storage over its REST API, on Azure.Core's pipeline (retries, timeouts, logging). The shape
/// follows Azure.Data.Tables' TableServiceClient/TableClient so a later swap to that package touches this folder only.
/// </summary>
public sealed class AzureTableStore : ITableStore
{
    private readonly ConcurrentDictionary<string, AzureTableClient> _tables = new(StringComparer.OrdinalIgnoreCase);

    public AzureTableStore(TableConnectionString connection, AzureTablesClientOptions? options = null, TokenCredential? credential = null)
    {
        Connection = connection;
        Options = options ?? new AzureTablesClientOptions();

        HttpPipelinePolicy auth;
        if (connection.UsesSharedKey)
            auth = new SharedKeyLitePolicy(connection.AccountName!, connection.AccountKey!);
        else if (connection.UsesSas)
            auth = new SasQueryPolicy(connection.SharedAccessSignature!);
        else
            auth = new BearerTokenAuthenticationPolicy(
                credential ?? throw new ArgumentException("A token credential is needed for an endpoint without an account key or SAS.", nameof(credential)),
                "https://storage.azure.com/.default");

        Pipeline = HttpPipelineBuilder.Build(Options, perCallPolicies: [], perRetryPolicies: [auth], new ResponseClassifier());
    }

    public string ProviderName => "AzureTables";
    public string Location => Connection.Describe();
    public TableConnectionString Connection { get; }
    internal AzureTablesClientOptions Options { get; }
    internal HttpPipeline Pipeline { get; }

    public ITableClient GetTableClient(string tableName)
    {
        EntityRules.ValidateTableName(tableName);
        return _tables.GetOrAdd(tableName, name => new AzureTableClient(this, name));
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken ct = default)
    {
        try
        {
            using var message = CreateMessage(RequestMethod.Get, "/Tables");
            message.Request.Uri.AppendQuery("$top", "1");
            var response = await SendAsync(message, ct).ConfigureAwait(false);
            return response.Status == 200
                ? new StoreHealth(true, $"Azure Table Storage at {Connection.Endpoint} answers.")
                : new StoreHealth(false, $"Azure Table Storage at {Connection.Endpoint} answered {response.Status} ({ReadError(response).Code}).");
        }
        catch (TableStoreException ex)
        {
            return new StoreHealth(false, ex.Message);
        }
    }

    internal HttpMessage CreateMessage(RequestMethod method, string escapedPath)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Connection.Endpoint);
        request.Uri.AppendPath(escapedPath, escape: false);
        request.Headers.SetValue("x-ms-version", Options.ServiceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        // Full metadata annotates every non-string type, so whole-number doubles come back as doubles.
        request.Headers.SetValue("Accept", "application/json;odata=fullmetadata");
        return message;
    }

    /// <summary>Sends with the pipeline's bounded retries; a transport failure becomes <see cref="TableStoreUnavailableException"/>.</summary>
    internal async Task<Response> SendAsync(HttpMessage message, CancellationToken ct)
    {
        try
        {
            await Pipeline.SendAsync(message, ct).ConfigureAwait(false);
            var response = message.Response;
            if (response.Status is 429 or >= 500)
                throw new TableStoreUnavailableException(
                    $"Azure Table Storage at {Connection.Endpoint} kept answering {response.Status} ({ReadError(response).Code}) after {Options.Retry.MaxRetries} retries.");
            return response;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or OperationCanceledException
                                       or HttpRequestException or IOException or Azure.Identity.AuthenticationFailedException)
        {
            throw new TableStoreUnavailableException(
                $"Azure Table Storage at {Connection.Describe()} could not be reached after {Options.Retry.MaxRetries} retries: {Innermost(ex).Message}", ex);
        }
    }

    internal static (string Code, string? Message) ReadError(Response response)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(response.Content.ToMemory());
            var error = doc.RootElement.GetProperty("odata.error");
            var code = error.GetProperty("code").GetString() ?? response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
            return (code, text);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return (response.Headers.TryGetValue("x-ms-error-code", out var header) ? header! : $"HTTP{response.Status}", null);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (true)
        {
            if (ex is AggregateException { InnerExceptions.Count: > 0 } agg) { ex = agg.InnerExceptions[^1]; continue; }
            if (ex.InnerException is not null && ex is RequestFailedException or HttpRequestException) { ex = ex.InnerException; continue; }
            return ex;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Appends a shared access signature's parameters to every request.</summary>
    private sealed class SasQueryPolicy(string sas) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            foreach (var pair in sas.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && !message.Request.Uri.Query.Contains(pair[..eq] + "=", StringComparison.Ordinal))
                    message.Request.Uri.AppendQuery(pair[..eq], pair[(eq + 1)..], escapeValue: false);
            }
        }
    }
}
