using Shield.Fuzz.Campaign;
using Shield.Fuzz.Compilation;

// dotnet run -c Release --project fuzz/Shield.Fuzz -- --seed <int> --count <n> [--start <i>] [--batch-size <n>]
//     [--findings <folder>] [--broken-weave]
// Exits 0 only when no method diverged. See docs/fuzzing.md.
var options = CommandLine.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

try
{
    var result = await new FuzzCampaign(options, new CampaignReport(Console.Out)).RunAsync();
    return result.DivergentMethods == 0 ? 0 : 1;
}
catch (GeneratorBugException bug)
{
    Console.Error.WriteLine(bug.Message);
    return 3;
}
