using System.IO.Compression;

namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// The statistical half of the safety net: a logistic model over <see cref="SafetyFeatures"/>, trained on the
/// training corpus (tests/Shared/SafetyCorpus/training) by <see cref="SafetyModelTrainer"/> and shipped inside
/// the assembly (Safety/Model/safety-model.bin.gz). It reads the whole message as the patterns cannot: indirect
/// wording, hints spread over sentences. The patterns still decide first; the model only adds crises they missed.
/// </summary>
/// <summary>Which of the model's crisis thresholds a message needs, from what its words speak of.</summary>
internal enum ModelBar
{
    /// <summary>A word of death, harm or an ending said of oneself: the model's own threshold.</summary>
    Risk,
    /// <summary>No such word ("thank you for teaching me ultrasound"): surer.</summary>
    Quiet,
    /// <summary>No such word, but an error or a patient's death (the second victim's "it's my fault"): surer still.</summary>
    AfterAnError,
    /// <summary>
    /// One word that is not itself about death or harm ("done", "goodbye", "finished"): a command or a sign-off to
    /// a bot, with nothing for the model to read. Only the patterns decide ("kms" is one of theirs).
    /// </summary>
    OneWord,
}

internal sealed class SafetyModel(float[] weights, float bias, float crisisThreshold, float distressThreshold, float quietThreshold, float afterAnErrorThreshold)
{
    private const uint Magic = 0x4D534257; // "WBSM"
    private const int FormatVersion = 3;
    public const string ResourceName = "WellnessBot.Dialogs.Safety.Model.safety-model.bin.gz";

    public float[] Weights { get; } = weights;
    public float Bias { get; } = bias;

    /// <summary>The score from which a message is a crisis (chosen in training for at most a few false alarms).</summary>
    public float CrisisThreshold { get; } = crisisThreshold;

    /// <summary>The score from which a message with no word of death, harm or an ending in it is a crisis.</summary>
    public float QuietThreshold { get; } = quietThreshold;

    /// <summary>The score from which a message of an error or a death, with no word of risk of one's own, is a crisis.</summary>
    public float AfterAnErrorThreshold { get; } = afterAnErrorThreshold;

    public float ThresholdFor(ModelBar bar) => bar switch
    {
        ModelBar.Risk => CrisisThreshold, ModelBar.Quiet => QuietThreshold, ModelBar.AfterAnError => AfterAnErrorThreshold, _ => float.PositiveInfinity,
    };

    /// <summary>The score from which a message gets the gentle offer.</summary>
    public float DistressThreshold { get; } = distressThreshold;

    private int Mask => Weights.Length - 1;

    public float Score(SafetyTokens tokens, ReadOnlySpan<uint> signals)
    {
        var sink = new ScoreSink(Weights, Mask);
        SafetyFeatures.Extract(tokens, signals, ref sink);
        return Bias + sink.Sum;
    }

    private static readonly Lazy<SafetyModel?> ShippedModel = new(ReadShipped);

    /// <summary>The model shipped in the assembly (read once), or null when there is none (the patterns then work alone).</summary>
    public static SafetyModel? Shipped() => ShippedModel.Value;

    private static SafetyModel? ReadShipped()
    {
        using var stream = typeof(SafetyModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Read(stream);
    }

    public static SafetyModel Read(Stream compressed)
    {
        try
        {
            return ReadModel(compressed);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The safety model is cut short.", ex);
        }
    }

    private static SafetyModel ReadModel(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != FormatVersion) throw new InvalidDataException("Not a WellnessBot safety model.");
        var bits = reader.ReadInt32();
        if (bits is < 10 or > 24) throw new InvalidDataException("The safety model's size is out of range.");
        var (bias, crisis, distress, quiet, afterAnError) = (reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle());
        var weights = new float[1 << bits];
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)reader.ReadHalf();
        return new SafetyModel(weights, bias, crisis, distress, quiet, afterAnError);
    }

    /// <summary>Writes the model as it is shipped: weights as half-precision floats, gzip-compressed.</summary>
    public void Write(Stream into)
    {
        using var gzip = new GZipStream(into, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(System.Numerics.BitOperations.Log2((uint)Weights.Length));
        writer.Write(Bias);
        writer.Write(CrisisThreshold);
        writer.Write(DistressThreshold);
        writer.Write(QuietThreshold);
        writer.Write(AfterAnErrorThreshold);
        foreach (var w in Weights) writer.Write((Half)w);
    }

    private struct ScoreSink(float[] weights, int mask) : IFeatureSink
    {
        public float Sum { get; private set; }
        public void Add(uint feature) => Sum += weights[feature & mask];
    }
}
