using System.Text.RegularExpressions;

namespace Shield.Fody.Configuration;

/// <summary>A pattern matched against operation names, where <c>*</c> matches any run of characters, dots included.</summary>
internal sealed class WildcardPattern
{
    readonly Regex _regex;

    public WildcardPattern(string text)
    {
        Text = text;
        var body = string.Join(".*", text.Split('*').Select(Regex.Escape));
        _regex = new Regex($"^{body}$", RegexOptions.CultureInvariant);
    }

    public string Text { get; }

    public bool Matches(string operationName) => _regex.IsMatch(operationName);

    public override string ToString() => Text;
}
