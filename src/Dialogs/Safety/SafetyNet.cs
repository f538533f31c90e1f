namespace WellnessBot.Dialogs.Safety;

/// <summary>The "Safety" configuration section: extra crisis phrases a program wants recognised.</summary>
public sealed class SafetySettings
{
    public const string SectionName = "Safety";

    /// <summary>Extra phrases (whole words, any case, apostrophes optional) that get the crisis reply, on top of the warning signs.</summary>
    public List<string> CrisisPhrases { get; set; } = [];

    public IReadOnlyList<string> Validate() =>
        CrisisPhrases.Any(string.IsNullOrWhiteSpace) ? ["Safety:CrisisPhrases has an empty entry; every phrase needs at least one word."]
        : CrisisPhrases.FirstOrDefault(p => p.Length > 200) is { } long_ ? [$"Safety:CrisisPhrases has a phrase over 200 characters (starting '{long_[..20]}…')."]
        : [];
}

/// <summary>
/// Looks at every message for the warning signs of suicide that crisis services publish (<see cref="WarningSign"/>),
/// in the words people use: misspelled, without apostrophes, in slang, in the middle of a long message. A crisis
/// gets an immediate private reply with real help; everyday distress a gentle offer. Clinical talk about a patient,
/// a topic ("suicide prevention material") and hospital idioms ("I'd die for a nap") are not the writer's crisis.
/// Two halves: the warning-sign patterns (<see cref="WarningSignReader"/>), which decide first, and a statistical
/// check (<see cref="SafetyModel"/>) for what they miss. Both are one pass over the words: linear in the message.
/// </summary>
public sealed partial class SafetyNet
{
    private const int MaxSignals = 64;
    /// <summary>How much surer the model must be when the writer took a sign back ("no thoughts of ending my life, just tired").</summary>
    internal const float TakenBackMargin = 3.5f;

    /// <summary>Words that speak of death, harm, means, an ending or a farewell, whoever they are about.</summary>
    private const Concepts RiskWords = Concepts.Suicide | Concepts.Kill | Concepts.Die | Concepts.Alive | Concepts.Harm | Concepts.Pills |
        Concepts.Weapon | Concepts.Height | Concepts.Vehicle | Concepts.Burden | Concepts.Gone | Concepts.Hopeless | Concepts.Pain |
        Concepts.Point | Concepts.Forever | Concepts.Letters | Concepts.Done | Concepts.Disaster | Concepts.Method | Concepts.Decided |
        Concepts.Distress;
    /// <summary>Words that speak of risk by themselves, even alone ("dead", "suicidal", "hopeless").</summary>
    private const Concepts DeathOrHarm = Concepts.Suicide | Concepts.Kill | Concepts.Die | Concepts.Alive | Concepts.Harm | Concepts.Pills | Concepts.Weapon |
        Concepts.Height | Concepts.Hopeless | Concepts.Burden;
    /// <summary>An error, or a death (said of someone else, since a word of risk of one's own decides first), outside idioms ("it kills me that").</summary>
    private const Concepts ErrorOrDeath = Concepts.Mistake | Concepts.Die | Concepts.Kill;
    private const Concepts Feelings = Concepts.Distress | Concepts.Hopeless | Concepts.Pain | Concepts.Burden | Concepts.Die | Concepts.Kill |
        Concepts.Suicide | Concepts.Harm | Concepts.Gone | Concepts.Point | Concepts.Mistake | Concepts.Done;
    private static readonly Lazy<SafetyNet> Default = new(() => new SafetyNet(new SafetySettings()));

    private readonly Vocabulary _vocabulary = new();
    private readonly WarningSignReader _reader;
    private readonly SafetyModel? _model;

    public SafetyNet(SafetySettings? settings = null) : this(settings, SafetyModel.Shipped())
    {
    }

    internal SafetyNet(SafetySettings? settings, SafetyModel? model)
    {
        foreach (var group in SafetyWords.All)
            foreach (var word in group.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                _vocabulary.Add(word, group.Concepts, group.Forgiving);
        var extra = (settings?.CrisisPhrases ?? []).Select(PhrasePattern).Where(p => p.Length > 0)
            .Select(p => new SignPattern(WarningSign.SuicidalThoughts, p) { Subject = Subject.Named });
        PatternIndex<SignPattern> crisis = new(_vocabulary, CrisisSigns.All.Concat(extra).Select(s => (s, s.Pattern)));
        PatternIndex<EverydayPattern> everyday = new(_vocabulary, EverydaySigns.NotACrisis.Select(e => (e, e.Pattern)));
        PatternIndex<bool> distress = new(_vocabulary, EverydaySigns.Distress.Select(d => (true, d)));
        PatternIndex<bool> claims = new(_vocabulary, EverydaySigns.WritersOwn.Select(c => (true, c)));
        PatternIndex<bool> reassurances = new(_vocabulary, EverydaySigns.Reassurances.Select(r => (true, r)));
        foreach (var word in WhoItIsAbout.TakingBack.Concat(WhoItIsAbout.Hedges).Concat(WhoItIsAbout.Places)) _vocabulary.Word(word);
        foreach (var (misspelling, word) in SafetyWords.Misspellings) _vocabulary.Alias(misspelling, word);
        foreach (var (first, second, together) in SafetyWords.Compounds) _vocabulary.Compound(first, second, together);
        _vocabulary.Seal();
        foreach (var index in new IIndexed[] { crisis, everyday, distress, claims, reassurances }) index.Index(_vocabulary);
        _reader = new WarningSignReader(crisis, everyday, distress, claims, reassurances);
        _model = model;
    }

    /// <summary>The net with the warning signs alone (no program phrases) and the shipped model, built once.</summary>
    public static SafetyNet Standard => Default.Value;

    public SafetySignal Check(string? text) => Assess(text).Signal;

    public SafetyAssessment Assess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return SafetyAssessment.Nothing;
        using var tokens = SafetyTokens.Read(text, _vocabulary);
        Span<uint> signals = stackalloc uint[MaxSignals];
        var findings = new Findings(signals);
        _reader.Read(tokens, ref findings);
        if (findings.Crisis != WarningSign.None) return new SafetyAssessment(SafetySignal.Crisis, findings.Crisis);
        var bar = BarFor(tokens);
        if (_model is { } model && bar != ModelBar.OneWord) // one bare word ("done", "goodbye") is a command or a sign-off: the model has nothing to read
        {
            // The model needs to be surer when the words themselves say nothing of death, harm or an ending ("thank you
            // for teaching me ultrasound") outside idioms and topics ("my plant died again"), and surer still when
            // they speak only of an error or a patient's death (second-victim guilt, which gets the gentle offer):
            // each has a threshold of its own, set in training. And surer when the writer took a warning sign back ("I don't want to die, but…").
            var score = model.Score(tokens, findings.Signals);
            var threshold = model.ThresholdFor(bar) + (findings.TakenBack ? TakenBackMargin : 0f);
            if (score >= threshold) return new SafetyAssessment(SafetySignal.Crisis, WarningSign.Overall);
            // A gentle offer from the model only for words about feelings, never for an unknown word or two.
            if (score >= model.DistressThreshold && (tokens.Present & Feelings) != 0) findings.Distress = true;
        }
        return findings.Distress ? new SafetyAssessment(SafetySignal.Distress) : SafetyAssessment.Nothing;
    }

    /// <summary>
    /// A message as training sees it: the model's features, and what decides the model's part in <see cref="Assess"/>:
    /// whether the patterns already call it a crisis, whether the writer took a sign back, whether it speaks of risk at all.
    /// </summary>
    internal (uint[] Features, bool PatternCrisis, bool TakenBack, ModelBar Bar) ReadForTraining(string text)
    {
        using var tokens = SafetyTokens.Read(text, _vocabulary);
        Span<uint> signals = stackalloc uint[MaxSignals];
        var findings = new Findings(signals);
        _reader.Read(tokens, ref findings);
        var sink = new ListSink([]);
        SafetyFeatures.Extract(tokens, findings.Signals, ref sink);
        return ([.. sink.Features], findings.Crisis != WarningSign.None, findings.TakenBack, BarFor(tokens));
    }

    /// <summary>
    /// A word of death, harm or an ending outside idioms and topics, and not said of someone else: "my patient died",
    /// or the second victim's "I killed him".
    /// </summary>
    private static ModelBar BarFor(SafetyTokens tokens) =>
        tokens.Count == 1 && (tokens.Present & DeathOrHarm) == 0 ? ModelBar.OneWord
        : SpeaksOfRisk(tokens) ? ModelBar.Risk : tokens.HasOutsideEveryday(ErrorOrDeath) ? ModelBar.AfterAnError : ModelBar.Quiet;

    private static bool SpeaksOfRisk(SafetyTokens tokens) =>
        tokens.HasOutsideEveryday(RiskWords, notRightAfter: Concepts.Other, objectWords: Concepts.Kill, objectOf: Concepts.Other);

    internal uint[] FeaturesOf(string text) => ReadForTraining(text).Features;

    /// <summary>A program's own phrase as a pattern of its words ("give up on everything" → four words in a row).</summary>
    private static string PhrasePattern(string phrase)
    {
        var words = new string([.. phrase.ToLowerInvariant().Where(c => c is not ('\'' or '’'))
            .Select(c => char.IsLetterOrDigit(c) ? c : ' ')]);
        return string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private readonly struct ListSink(List<uint> features) : IFeatureSink
    {
        public List<uint> Features { get; } = features;
        public void Add(uint feature) => Features.Add(feature);
    }
}
