using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WellnessBot.Bot.Teams;
using WireMock.RequestBuilders;
using Request = WireMock.RequestBuilders.Request;
using Response = WireMock.ResponseBuilders.Response;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace WellnessBot.Tests.Harness;

/// <summary>
/// The bot with Bot Framework authentication on, against loopback stand-ins for what we cannot reach here:
/// a WireMock server plays the Bot Framework OpenID metadata and keys (our own RSA key, endorsed for msteams),
/// the Azure AD metadata for Emulator tokens, and the Bot Connector that replies are posted to.
/// </summary>
public sealed class BotFrameworkHost : IAsyncDisposable
{
    public const string AppId = "11111111-aaaa-4bbb-8ccc-000000000001";
    public const string Issuer = "https://api.botframework.com";
    public const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-bf-").FullName;
    private readonly WebApplicationFactory<Program> _factory;

    public BotFrameworkHost(params (string Key, string Value)[] settings) : this(null, settings)
    {
    }

    /// <summary>A host whose services a test replaces (after the bot's own registrations).</summary>
    public BotFrameworkHost(Action<IServiceCollection>? replace, params (string Key, string Value)[] settings)
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"] });
        PublishKeys([(ChannelKey, ["msteams", "webchat"])]);
        Server.Given(Request.Create().WithPath("/emulator/.well-known/openid-configuration").UsingGet())
            .RespondWith(Json(new { issuer = EmulatorIssuer, jwks_uri = Server.Url + "/emulator/keys", id_token_signing_alg_values_supported = new[] { "RS256" } }));
        Server.Given(Request.Create().WithPath("/emulator/keys").UsingGet())
            .RespondWith(Json(new { keys = new[] { Jwk(EmulatorKey, null) } }));
        Server.Given(Request.Create().WithPath("/v3/conversations*").UsingAnyMethod()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"activity-1\"}"));

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(_folder, "bot.db")}");
            builder.UseSetting("MicrosoftAppId", AppId);
            builder.UseSetting("MicrosoftAppPassword", "not-a-real-secret");
            builder.UseSetting("ToBotFromChannelOpenIdMetadataUrl", Server.Url + "/v1/.well-known/openidconfiguration");
            builder.UseSetting("ToBotFromEmulatorOpenIdMetadataUrl", Server.Url + "/emulator/.well-known/openid-configuration");
            builder.UseSetting("ToChannelFromBotLoginUrl", Server.Url + "/botframework.com");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(Credential);
                services.AddSingleton(sp => new BotTokenProvider(sp.GetRequiredService<IOptions<BotFrameworkOptions>>(), Credential));
                // Fast retries so the 429 test takes milliseconds, not seconds.
                var connector = new BotConnectorClientOptions();
                connector.Retry.Delay = TimeSpan.FromMilliseconds(10);
                services.AddSingleton(connector);
                replace?.Invoke(services);
            });
        });
    }

    public WireMockServer Server { get; }

    /// <summary>Everything the host logged, at every level, formatted: to prove what never reaches logs.</summary>
    public CapturedLogs Logs { get; } = new();
    public string ServiceUrl => Server.Url + "/";
    // Generated once per test run: key generation is the slow part of a host.
    private static readonly RSA SharedChannelKey = RSA.Create(2048), SharedEmulatorKey = RSA.Create(2048), SharedOtherKey = RSA.Create(2048);
    public RSA ChannelKey => SharedChannelKey;
    public RSA EmulatorKey => SharedEmulatorKey;
    public RSA OtherKey => SharedOtherKey;
    public CountingCredential Credential { get; } = new();
    public IServiceProvider Services => _factory.Services;

    public static string KeyId(RSA key) => Convert.ToHexString(SHA256.HashData(key.ExportRSAPublicKey()))[..16];

    /// <summary>Replaces the key set the metadata serves (key rotation).</summary>
    public void PublishKeys(IEnumerable<(RSA Key, string[]? Endorsements)> keys)
    {
        Server.Given(Request.Create().WithPath("/v1/.well-known/openidconfiguration").UsingGet())
            .RespondWith(Json(new { issuer = Issuer, jwks_uri = Server.Url + "/v1/.well-known/keys", id_token_signing_alg_values_supported = new[] { "RS256" } }));
        Server.Given(Request.Create().WithPath("/v1/.well-known/keys").UsingGet())
            .RespondWith(Json(new { keys = keys.Select(k => Jwk(k.Key, k.Endorsements)).ToArray() }));
    }

    private static object Jwk(RSA key, string[]? endorsements)
    {
        var p = key.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId(key),
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements is not null) jwk["endorsements"] = endorsements;
        return jwk;
    }

    private static IResponseBuilder Json(object body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(body));

    /// <summary>A channel token as the Bot Connector would send it; change any part to make it wrong.</summary>
    public string ChannelToken(RSA? key = null, string issuer = Issuer, string audience = AppId, string? serviceUrl = null,
        DateTime? expires = null, DateTime? notBefore = null, IDictionary<string, object>? extraClaims = null)
    {
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl };
        foreach (var (k, v) in extraClaims ?? new Dictionary<string, object>()) claims[k] = v;
        var signing = key ?? ChannelKey;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = notBefore ?? DateTime.UtcNow.AddMinutes(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(30),
            IssuedAt = (notBefore ?? DateTime.UtcNow.AddMinutes(-1)),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signing) { KeyId = KeyId(signing) }, SecurityAlgorithms.RsaSha256),
        });
    }

    public string EmulatorToken(string appId = AppId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = EmulatorIssuer,
        Audience = AppId,
        Claims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = appId },
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.AddMinutes(30),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(EmulatorKey) { KeyId = KeyId(EmulatorKey) }, SecurityAlgorithms.RsaSha256),
    });

    public async Task<HttpResponseMessage> PostAsync(object activity, string? token)
    {
        var response = await PostWithoutWaitingAsync(activity, token);
        await IdleAsync(); // Teams is answered before the turn runs: wait for it, as a person waits for the reply
        return response;
    }

    /// <summary>The POST alone, answered before its turn runs (many in a row: wait for <see cref="IdleAsync"/> after).</summary>
    public async Task<HttpResponseMessage> PostWithoutWaitingAsync(object activity, string? token)
    {
        using var client = _factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity as string ?? JsonSerializer.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>A raw POST to /api/messages: any content (type), any Authorization header value.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpContent content, string? authorization)
    {
        using var client = _factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.SendAsync(request);
        await IdleAsync();
        return response;
    }

    /// <summary>Completes when every queued turn has run.</summary>
    public Task IdleAsync() => _factory.Services.GetRequiredService<WellnessBot.Bot.Hosting.ITurnQueue>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = _factory.CreateClient();
        return await client.GetAsync(path);
    }

    /// <summary>What the bot sent to the connector, in order: method, path and JSON body.</summary>
    public IReadOnlyList<(string Method, string Path, JsonNode? Body, string? Authorization)> ConnectorCalls() =>
        Server.LogEntries
            .Select(e => e.RequestMessage!)
            .Where(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal))
            .OrderBy(r => r.DateTime)
            .Select(r => (r.Method, Uri.UnescapeDataString(r.Path),
                string.IsNullOrEmpty(r.Body) ? null : JsonNode.Parse(r.Body),
                r.Headers?.TryGetValue("Authorization", out var auth) == true ? auth.ToString() : null))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Server.Stop();
        Server.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Stands in for Azure.Identity's client-secret credential; counts how often a token is fetched.</summary>
    public sealed class CountingCredential : TokenCredential
    {
        private int _calls;
        public int Calls => _calls;
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            lock (Scopes) Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("bot-token-" + _calls, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

/// <summary>Tests that each get a fresh <see cref="BotFrameworkHost"/> (bot, metadata and connector on loopback).</summary>
public abstract class BotFrameworkHostTests : IAsyncLifetime
{
    protected BotFrameworkHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new BotFrameworkHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>A logger provider that keeps every formatted message and exception text.</summary>
public sealed class CapturedLogs : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lock (owner._lines) owner._lines.Add($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines) owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
