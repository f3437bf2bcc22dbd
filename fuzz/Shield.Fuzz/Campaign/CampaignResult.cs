using Shield.Fuzz.Oracle;

namespace Shield.Fuzz.Campaign;

/// <summary>What a campaign found.</summary>
public sealed record CampaignResult(int Methods, IReadOnlyList<Divergence> Divergences, FeatureTally Features, OutcomeTally Outcomes, TimeSpan Elapsed)
{
    /// <summary>How many methods diverged in at least one flavour or check: the number the summary line reports.</summary>
    public int DivergentMethods => Divergences.Select(d => d.Method.Index).Distinct().Count();

    public string Summary => $"{Methods} methods, {DivergentMethods} divergences";
}
