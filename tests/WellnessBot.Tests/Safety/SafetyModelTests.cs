using WellnessBot.Dialogs.Safety;

namespace WellnessBot.Tests.Safety;

/// <summary>
/// The statistical check is versioned with the detector and its training corpus: the model in the assembly is the
/// one the recipe makes from the corpus in the repository (./bench.sh safety-train), and it reads the way it was
/// shipped (half-precision weights, gzip).
/// </summary>
public sealed class SafetyModelTests
{
    [Fact]
    public void TheShippedModelIsTheOneTheTrainingCorpusMakes()
    {
        var shipped = SafetyModel.Shipped();
        Assert.NotNull(shipped);
        var fresh = SafetyModelTraining.Train();

        Assert.Equal(shipped.Weights.Length, fresh.Weights.Length);
        var largest = shipped.Weights.Zip(fresh.Weights).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(largest < 0.01, $"The shipped model differs from a fresh training run by up to {largest}: run ./bench.sh safety-train and commit the model.");
        Assert.Equal(shipped.CrisisThreshold, fresh.CrisisThreshold, 0.01);
        Assert.Equal(shipped.QuietThreshold, fresh.QuietThreshold, 0.01);
        Assert.Equal(shipped.AfterAnErrorThreshold, fresh.AfterAnErrorThreshold, 0.01);
    }

    [Fact]
    public void TheModelReadsBackAsItWasWritten()
    {
        var weights = Enumerable.Range(0, 1 << 10).Select(i => (float)(Half)((i % 7) - 3.25f)).ToArray();
        var model = new SafetyModel(weights, 0.5f, 2.25f, 0.75f, 3.5f, 4.25f);
        using var stream = new MemoryStream();
        model.Write(stream);
        stream.Position = 0;

        var read = SafetyModel.Read(stream);
        Assert.Equal(weights, read.Weights);
        Assert.Equal((0.5f, 2.25f, 0.75f, 3.5f, 4.25f), (read.Bias, read.CrisisThreshold, read.DistressThreshold, read.QuietThreshold, read.AfterAnErrorThreshold));
        Assert.Throws<InvalidDataException>(() => SafetyModel.Read(new MemoryStream([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0])));
    }

    [Fact]
    public void WithoutAModelThePatternsStillCatchTheWarningSigns()
    {
        var patternsOnly = new SafetyNet(new SafetySettings(), model: null);
        Assert.Equal(SafetySignal.Crisis, patternsOnly.Check("i want to kill myself"));
        Assert.Equal(SafetySignal.Crisis, patternsOnly.Check("everyone would be better off without me"));
        Assert.NotEqual(SafetySignal.Crisis, patternsOnly.Check("the patient in 12 has passive SI"));
    }
}
