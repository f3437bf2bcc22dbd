using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Campaign;

/// <summary>How many generated methods used each feature.</summary>
public sealed class FeatureTally
{
    readonly Dictionary<string, int> _counts = Feature.All.ToDictionary(f => f, _ => 0);

    public int Methods { get; private set; }

    public int this[string feature] => _counts[feature];

    public IEnumerable<string> Never => Feature.All.Where(f => _counts[f] == 0);

    public void Add(GeneratedMethod method)
    {
        Methods++;
        foreach (var feature in method.Features)
        {
            _counts[feature]++;
        }
    }

    /// <summary>One line per feature, in <see cref="Feature.All"/> order: count, share, name.</summary>
    public IEnumerable<string> Lines() => Feature.All.Select(f =>
        $"{_counts[f],7} {100.0 * _counts[f] / Math.Max(1, Methods),6:0.0}%  {f}{(_counts[f] == 0 ? "  <- never generated" : "")}");
}
