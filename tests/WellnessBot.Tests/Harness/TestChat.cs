using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Tests.Harness;

/// <summary>
/// Conversations with the dialog engine, no channel involved: <c>await chat.As(ana).Send("help").ExpectCard("help")</c>.
/// A real embedded store under a temp folder and a controllable clock; <see cref="RestartAsync"/> builds a fresh
/// engine over the same store, as a redeploy would.
/// </summary>
public sealed class TestChat : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-chat-").FullName;
    private readonly IReadOnlyList<Route> _routes;
    private readonly Action<IServiceCollection>? _configure;
    private ServiceProvider _services;

    public TestChat(IEnumerable<Route>? extraRoutes = null, Action<IServiceCollection>? configure = null, ProgramSettings? program = null, ITableStore? store = null)
    {
        _routes = [.. BotRoutes.All, .. extraRoutes ?? []];
        _configure = configure;
        Program = program ?? new ProgramSettings { Coordinators = ["29:coordinator-eli"] };
        Store = store ?? new SqliteTableStore(Path.Combine(_folder, "chat.db"));
        _services = Build();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
    public RecordingMessenger Messenger { get; } = new();
    public FakePeople People { get; } = new();
    public ITableStore Store { get; }

    /// <summary>Every log line the dialogs wrote, to check that none holds what it must not.</summary>
    public CapturedLogs Logs { get; } = new();
    public ProgramSettings Program { get; }

    /// <summary>Peer-support settings, with a test encryption key; change before the first turn or call <see cref="RestartAsync"/>.</summary>
    public WellnessBot.Dialogs.Support.SupportSettings Support { get; } = new() { Keys = { [WellnessBot.Testing.TestSupportKey.Id] = TestKey } };
    public const string TestKey = WellnessBot.Testing.TestSupportKey.Value;

    /// <summary>The program's real catalog from the repo, unless a test points elsewhere.</summary>
    public WellnessBot.Dialogs.Resources.ResourceSettings Resources { get; } = new() { CatalogPath = RepoCatalog };
    public static string RepoCatalog => Path.Combine(WellnessBot.Testing.RepoPaths.Root, "src", "Bot", "catalog", "resources.json");
    public IServiceProvider Services => _services;

    public static UserRef Ana { get; } = new("msteams", "29:resident-ana", "Ana Resident", "0a0a0a0a-0000-4000-8000-000000000001");
    public static UserRef Ben { get; } = new("msteams", "29:resident-ben", "Ben Resident");
    public static UserRef Eli { get; } = new("msteams", "29:coordinator-eli", "Eli Coordinator");
    public static UserRef Chen { get; } = new("msteams", "29:fellow-chen", "Chen Fellow");
    public static UserRef Dana { get; } = new("msteams", "29:supporter-dana", "Dana Supporter");
    public static UserRef Fay { get; } = new("msteams", "29:supporter-fay", "Fay Supporter");
    public static UserRef TheBot { get; } = new("msteams", "28:wellnessbot", "WellnessBot");
    public static ConversationRef DirectWith(UserRef user) => new("msteams", "a:dm-" + user.Id, ConversationKind.Direct, "tenant-1");
    public static ConversationRef WellnessChannel { get; } = new("msteams", "19:program-wellness@thread.tacv2", ConversationKind.Channel, "tenant-1");

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Program);
        services.AddSingleton(Store);
        services.AddSingleton(new RouteTable(_routes));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(new Microsoft.Extensions.Logging.LoggerFactory([Logs]));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Logger<>));
        services.AddSingleton<IProactiveMessenger>(Messenger);
        services.AddSingleton<WellnessBot.Dialogs.Turns.IPeopleDirectory>(People);
        services.AddSingleton(Support);
        services.AddSingleton(Resources);
        services.AddWellnessDialogs();
        foreach (var route in _routes) services.AddScoped(route.Dialog);
        _configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public async Task InitializeAsync()
    {
        foreach (var table in StorageKeys.AllTables)
            await Store.GetTableClient(table).CreateIfNotExistsAsync();
    }

    /// <summary>A new engine over the same store: what survives this survives a restart.</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = Build();
    }

    public Speaker As(UserRef user) => new(this, user, DirectWith(user));

    public sealed class Speaker(TestChat chat, UserRef user, ConversationRef conversation)
    {
        public Speaker In(ConversationRef where) => new(chat, user, where);

        /// <summary>A message; "@Name" in it is a resolved mention when Name is one of <paramref name="mentions"/>.</summary>
        public Task<Transcript> Send(string text, IReadOnlyList<UserRef>? mentions = null, string? activityId = null) =>
            chat.RunAsync(new Turn
            {
                From = user, Conversation = conversation, Text = text, Mentions = mentions ?? [], ReceivedAt = chat.Clock.GetUtcNow(),
                Bot = TheBot, ActivityId = activityId ?? Guid.NewGuid().ToString("N"),
            });

        public Task<Transcript> Submit(string actionId, params (string Key, string Value)[] values) =>
            chat.RunAsync(new Turn
            {
                From = user, Conversation = conversation, ReceivedAt = chat.Clock.GetUtcNow(), Bot = TheBot,
                Submission = new FormSubmission(actionId, values.ToDictionary(v => v.Key, v => v.Value)),
            });

        public Task<Transcript> Welcome() =>
            chat.RunAsync(new Turn { From = user, Conversation = conversation, IsWelcome = true, ReceivedAt = chat.Clock.GetUtcNow() });
    }

    /// <summary>Runs one turn; with <paramref name="undeliverable"/>, private replies cannot reach the person (no 1:1 chat).</summary>
    internal async Task<Transcript> RunAsync(Turn turn, bool undeliverable = false)
    {
        var transcript = new Transcript(turn) { PrivateUndeliverable = undeliverable };
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TurnHandler>().HandleAsync(transcript, CancellationToken.None);
        return transcript;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Proactive messages, recorded; people in <see cref="Unreachable"/> cannot be reached.</summary>
public sealed class RecordingMessenger : IProactiveMessenger
{
    public List<(UserRef To, BotMessage Message)> ToUsers { get; } = [];
    public List<(ConversationRef To, BotMessage Message)> ToConversations { get; } = [];
    public HashSet<string> Unreachable { get; } = [];

    /// <summary>People whose channel fails outright (a network error), by user id.</summary>
    public HashSet<string> Failing { get; } = [];

    /// <summary>Simulates the process dying right after the next channel post left, before anything was recorded.</summary>
    public bool CrashAfterNextConversationPost { get; set; }

    /// <summary>Messages replaced in place, in order: who, which message (its index in <see cref="ToUsers"/>), and the new content.</summary>
    public List<(UserRef To, int Index, BotMessage Message)> Updates { get; } = [];

    public Task<SentMessage?> SendToUserAsync(UserRef user, BotMessage message, CancellationToken ct = default)
    {
        if (Unreachable.Contains(user.Id)) return Task.FromResult<SentMessage?>(null);
        if (Failing.Contains(user.Id)) throw new HttpRequestException("simulated network failure");
        int index;
        lock (ToUsers)
        {
            ToUsers.Add((user, message));
            index = ToUsers.Count - 1;
        }
        return Task.FromResult<SentMessage?>(new SentMessage("dm-" + user.Id, index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public Task<bool> UpdateUserMessageAsync(UserRef user, SentMessage sent, BotMessage message, CancellationToken ct = default)
    {
        if (Failing.Contains(user.Id)) throw new HttpRequestException("simulated network failure");
        if (sent.ConversationId != "dm-" + user.Id || !int.TryParse(sent.MessageId, System.Globalization.CultureInfo.InvariantCulture, out var index)) return Task.FromResult(false);
        lock (ToUsers) Updates.Add((user, index, message));
        return Task.FromResult(true);
    }

    public Task<string?> SendToConversationAsync(ConversationRef conversation, BotMessage message, CancellationToken ct = default)
    {
        lock (ToConversations) ToConversations.Add((conversation, message));
        if (CrashAfterNextConversationPost)
        {
            CrashAfterNextConversationPost = false;
            throw new InvalidOperationException("simulated crash after posting");
        }
        return Task.FromResult<string?>("post-" + ToConversations.Count);
    }
}

/// <summary>People a form's people picker can name, by the id the channel gives (Teams: Azure AD object id).</summary>
public sealed class FakePeople : WellnessBot.Dialogs.Turns.IPeopleDirectory
{
    public Dictionary<string, UserRef> ById { get; } = new()
    {
        ["aad-ben"] = TestChat.Ben,
        ["aad-chen"] = TestChat.Chen,
        ["aad-bot"] = TestChat.TheBot,
    };

    /// <summary>Names the channel knows, by person key (the Teams edge keeps them from each person's messages).</summary>
    public Dictionary<string, string> Names { get; } = [];

    /// <summary>People whose addresses were forgotten (a privacy erasure), by key.</summary>
    public List<string> Forgotten { get; } = [];

    public Task<UserRef?> FindAsync(Turn turn, string pickedId, CancellationToken ct) =>
        Task.FromResult(ById.GetValueOrDefault(pickedId));

    public Task<string?> NameOfAsync(UserRef person, CancellationToken ct) => Task.FromResult(Names.GetValueOrDefault(person.Key));

    public Task<int> ForgetAsync(UserRef person, CancellationToken ct)
    {
        Forgotten.Add(person.Key);
        return Task.FromResult(Names.Remove(person.Key) ? 1 : 0);
    }
}

/// <summary>What the bot said in one turn: in the conversation, and privately to the sender.</summary>
public sealed class Transcript(Turn turn) : ITurnContext
{
    private int _ids;
    public Turn Turn { get; } = turn;
    public List<BotMessage> Public { get; } = [];
    public List<BotMessage> Private { get; } = [];

    public Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default)
    {
        (Turn.Conversation.IsPrivate ? Private : Public).Add(message);
        return Task.FromResult<string?>("msg-" + Interlocked.Increment(ref _ids));
    }

    /// <summary>When true, private replies cannot be delivered (as when Teams cannot create the 1:1 chat).</summary>
    public bool PrivateUndeliverable { get; set; }

    public Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default)
    {
        if (PrivateUndeliverable && !Turn.Conversation.IsPrivate) return Task.FromResult(false);
        Private.Add(message);
        return Task.FromResult(true);
    }

    private IEnumerable<BotMessage> All => Public.Concat(Private);

    public Card? CardOf(string kind) => All.Select(m => m.Card).FirstOrDefault(c => c?.Kind == kind);

    public Card ExpectCard(string kind)
    {
        var card = All.Select(m => m.Card).FirstOrDefault(c => c?.Kind == kind);
        Assert.True(card is not null, $"Expected a '{kind}' card; got: {Describe()}");
        return card!;
    }

    public Transcript ExpectText(string contains)
    {
        Assert.True(All.Any(m => m.Text?.Contains(contains, StringComparison.OrdinalIgnoreCase) == true),
            $"Expected a reply containing \"{contains}\"; got: {Describe()}");
        return this;
    }

    public Transcript ExpectPrivateText(string contains)
    {
        Assert.True(Private.Any(m => m.Text?.Contains(contains, StringComparison.OrdinalIgnoreCase) == true),
            $"Expected a private reply containing \"{contains}\"; got: {Describe()}");
        return this;
    }

    public Transcript ExpectNothingPublic()
    {
        Assert.True(Public.Count == 0, "Expected nothing in the shared conversation; got: " + Describe());
        return this;
    }

    public string Describe() => string.Join(" | ", All.Select(m => m.Card is { } c ? $"[card {c.Kind}]" : m.Text));
}
