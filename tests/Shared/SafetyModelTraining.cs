using WellnessBot.Dialogs.Safety;

namespace WellnessBot.Testing;

/// <summary>The shipped model's recipe, in one place for ./bench.sh safety-train and the test that it is reproducible.</summary>
internal static class SafetyModelTraining
{
    public static SafetyModelTrainer.Options Options { get; } = new() { FalseAlarms = 0.095, QuietFalseAlarms = 0.025 };

    public static List<SafetyModelTrainer.Example> Examples(IEnumerable<SafetyCorpus.Category> corpus) =>
        [.. corpus.SelectMany(c => c.Messages).Select(m => new SafetyModelTrainer.Example(m.Text, m.Crisis))];

    public static SafetyModel Train(SafetyModelTrainer.Options? options = null) => TrainAndValidate(options).Model;

    public static (SafetyModel Model, SafetyModelTrainer.CrossValidation Validation) TrainAndValidate(SafetyModelTrainer.Options? options = null) =>
        SafetyModelTrainer.TrainAndValidate(new SafetyNet(new SafetySettings(), model: null), Examples(SafetyCorpus.Training), options ?? Options);
}
