using System.Globalization;

namespace Shield.Fuzz.Campaign;

/// <summary>Reads the fuzzer's command line into <see cref="CampaignOptions"/>.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage: Shield.Fuzz --seed <int> --count <n> [--start <index>] [--batch-size <n>] [--findings <folder>] [--broken-weave]
          --seed          the campaign seed; the same seed gives the same methods
          --count         how many methods to generate and check
          --start         the index of the first method (default 0), to replay part of a campaign
          --batch-size    methods per compiled assembly (default 100)
          --findings      where divergent methods are saved as fixture candidates (default fuzz-findings)
          --broken-weave  undo the token replacement after weaving, to see the oracle fail
        """;

    /// <summary>Returns null when the arguments are not understood.</summary>
    public static CampaignOptions? Parse(IReadOnlyList<string> args)
    {
        int? seed = null;
        int? count = null;
        var start = 0;
        var batchSize = 100;
        var findings = "fuzz-findings";
        var broken = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : "";
            int? NextInt() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
            switch (args[i])
            {
                case "--seed":
                    seed = NextInt();
                    break;
                case "--count":
                    count = NextInt();
                    break;
                case "--start":
                    start = NextInt() ?? -1;
                    break;
                case "--batch-size":
                    batchSize = NextInt() ?? 0;
                    break;
                case "--findings":
                    findings = Next();
                    break;
                case "--broken-weave":
                    broken = true;
                    break;
                default:
                    return null;
            }
        }

        return seed is null || count is not > 0 || start < 0 || batchSize <= 0 || findings.Length == 0
            ? null
            : new CampaignOptions(seed.Value, count.Value, start, batchSize, findings, broken);
    }
}
