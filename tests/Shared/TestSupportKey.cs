namespace WellnessBot.Testing;

/// <summary>
/// The support-request encryption key the tests use. A real host outside Development refuses to start without a
/// key (Support:Keys), so every test host that is not Development is given this one.
/// </summary>
public static class TestSupportKey
{
    public const string Id = "test-1";
    public const string Value = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    public const string Argument = "--Support:Keys:" + Id + "=" + Value;
}
