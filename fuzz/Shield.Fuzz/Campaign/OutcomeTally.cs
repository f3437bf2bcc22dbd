namespace Shield.Fuzz.Campaign;

/// <summary>
/// What the checks exercised, over every method and flavour: how many bodies threw, and how many calls were
/// canceled while the body waited (rather than ending before the chosen pause). A campaign whose bodies nearly
/// all throw early, or are never canceled midway, checks little; this makes it visible.
/// </summary>
public sealed class OutcomeTally
{
    public int Checks { get; private set; }

    public int BodiesThrew { get; private set; }

    public int CanceledMidway { get; private set; }

    public int CanceledMidwayAndThrew { get; private set; }

    public void Add(Oracle.MethodCheck check)
    {
        Checks++;
        BodiesThrew += check.BodyThrew ? 1 : 0;
        CanceledMidway += check.CanceledMidway ? 1 : 0;
        CanceledMidwayAndThrew += check.CanceledMidway && check.BodyThrew ? 1 : 0;
    }

    public string Line() =>
        $"{Checks} checks (method x flavour): bodies threw in {BodiesThrew}; caller canceled while the body waited in {CanceledMidway} " +
        $"(a fault to report in {CanceledMidwayAndThrew}), body ended before the chosen pause in {Checks - CanceledMidway}";
}
