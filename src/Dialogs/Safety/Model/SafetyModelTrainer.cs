namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// Trains the <see cref="SafetyModel"/>: logistic regression by AdaGrad with a little L2, classes weighted equally,
/// a fixed seed so the same corpus always gives the same model. The crisis threshold is set from out-of-fold
/// scores (five folds), so it is the score that a message the model has not seen needs, not one it memorised.
/// </summary>
internal static class SafetyModelTrainer
{
    public sealed record Example(string Text, bool Crisis);

    public sealed record Options
    {
        public int Bits { get; init; } = 20;
        public int Epochs { get; init; } = 12;
        public int Seed { get; init; } = 20261201;
        public double LearningRate { get; init; } = 0.2;
        public double L2 { get; init; } = 1e-6;

        /// <summary>The share of out-of-fold non-crisis messages the model may flag as a crisis.</summary>
        public double FalseAlarms { get; init; } = 0.02;

        /// <summary>The share of out-of-fold non-crisis messages that may get the gentle offer from the model.</summary>
        public double GentleOffers { get; init; } = 0.12;

        /// <summary>
        /// The share of out-of-fold non-crisis messages with no word of risk in them ("thank you for teaching me
        /// ultrasound") that the model alone may call a crisis: everyday talk, where a false alarm costs most trust.
        /// </summary>
        public double QuietFalseAlarms { get; init; } = 0.02;

        /// <summary>
        /// The same for messages of an error or a patient's death with no word of risk of the writer's own: the
        /// second victim's guilt is met with the gentle offer; a crisis card there tells them they are a danger.
        /// </summary>
        public double AfterAnErrorFalseAlarms { get; init; } = 0.02;
    }

    /// <summary>How the net would do on messages the model did not learn from (out-of-fold), as training saw it.</summary>
    public sealed record CrossValidation(double Recall, double FalseAlarms, double QuietRecall, double QuietFalseAlarms, int Quiet);

    public static SafetyModel Train(SafetyNet net, IReadOnlyList<Example> examples, Options? options = null) =>
        TrainAndValidate(net, examples, options).Model;

    public static (SafetyModel Model, CrossValidation Validation) TrainAndValidate(SafetyNet net, IReadOnlyList<Example> examples, Options? options = null)
    {
        options ??= new Options();
        var read = examples.Select(e => net.ReadForTraining(e.Text)).ToArray();
        var features = read.Select(r => r.Features).ToArray();
        var labels = examples.Select(e => e.Crisis).ToArray();

        const int folds = 5;
        var outOfFold = new float[examples.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => i % folds != fold).ToArray();
            var (weights, bias) = Fit(features, labels, train, options);
            for (var i = fold; i < examples.Count; i += folds) outOfFold[i] = Score(weights, bias, features[i]);
        }
        var (all, allBias) = Fit(features, labels, Enumerable.Range(0, examples.Count).ToArray(), options);

        var others = outOfFold.Where((_, i) => !labels[i]).Order().ToArray();
        float[] OthersNeeding(ModelBar bar) => outOfFold.Where((_, i) => !labels[i] && read[i].Bar == bar && !read[i].PatternCrisis).Order().ToArray();
        var model = new SafetyModel(all, allBias, Quantile(others, options.FalseAlarms), Quantile(others, options.GentleOffers),
            Quantile(OthersNeeding(ModelBar.Quiet), options.QuietFalseAlarms), Quantile(OthersNeeding(ModelBar.AfterAnError), options.AfterAnErrorFalseAlarms));
        return (model, Validate(model, read, labels, outOfFold));
    }

    private static float Quantile(float[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling((1 - share) * sorted.Length), 0, sorted.Length - 1)];

    /// <summary>The net's decision for each message as <see cref="SafetyNet.Assess"/> makes it, with the out-of-fold score.</summary>
    private static CrossValidation Validate(SafetyModel model, (uint[] Features, bool PatternCrisis, bool TakenBack, ModelBar Bar)[] read, bool[] labels, float[] outOfFold)
    {
        bool Alarm(int i) => read[i].PatternCrisis || outOfFold[i] >= model.ThresholdFor(read[i].Bar) + (read[i].TakenBack ? SafetyNet.TakenBackMargin : 0f);
        double Share(Func<int, bool> which, bool crisis)
        {
            var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == crisis && which(i)).ToList();
            return rows.Count == 0 ? 0 : rows.Count(Alarm) / (double)rows.Count;
        }
        bool Quiet(int i) => read[i].Bar != ModelBar.Risk;
        return new CrossValidation(Share(_ => true, true), Share(_ => true, false), Share(Quiet, true), Share(Quiet, false),
            Enumerable.Range(0, labels.Length).Count(Quiet));
    }

    private static (float[] Weights, float Bias) Fit(uint[][] features, bool[] labels, int[] rows, Options options)
    {
        var size = 1 << options.Bits;
        var mask = (uint)(size - 1);
        var weights = new float[size];
        var squares = new float[size];
        double bias = 0, biasSquares = 0;
        var positives = rows.Count(r => labels[r]);
        var (positiveWeight, negativeWeight) = (rows.Length / (2.0 * Math.Max(1, positives)), rows.Length / (2.0 * Math.Max(1, rows.Length - positives)));
        var random = new Random(options.Seed);
        var order = (int[])rows.Clone();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var row in order)
            {
                var z = bias;
                foreach (var f in features[row]) z += weights[f & mask];
                var p = 1 / (1 + Math.Exp(-z));
                var gradient = (p - (labels[row] ? 1 : 0)) * (labels[row] ? positiveWeight : negativeWeight);
                foreach (var f in features[row])
                {
                    var j = f & mask;
                    var g = gradient + options.L2 * weights[j];
                    squares[j] += (float)(g * g);
                    weights[j] -= (float)(options.LearningRate * g / Math.Sqrt(squares[j] + 1e-8));
                }
                biasSquares += gradient * gradient;
                bias -= options.LearningRate * gradient / Math.Sqrt(biasSquares + 1e-8);
            }
        }
        // As shipped: half precision, so thresholds are set on the weights the bot will use.
        for (var j = 0; j < size; j++) weights[j] = (float)(Half)weights[j];
        return (weights, (float)bias);
    }

    private static float Score(float[] weights, float bias, uint[] features)
    {
        var mask = (uint)(weights.Length - 1);
        var z = bias;
        foreach (var f in features) z += weights[f & mask];
        return z;
    }

}
