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
    }

    public static SafetyModel Train(SafetyNet net, IReadOnlyList<Example> examples, Options? options = null)
    {
        options ??= new Options();
        var features = examples.Select(e => net.FeaturesOf(e.Text)).ToArray();
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
        float Quantile(double share) => others.Length == 0 ? 0 : others[Math.Clamp((int)Math.Ceiling((1 - share) * others.Length), 0, others.Length - 1)];
        return new SafetyModel(all, allBias, Quantile(options.FalseAlarms), Quantile(options.GentleOffers));
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
