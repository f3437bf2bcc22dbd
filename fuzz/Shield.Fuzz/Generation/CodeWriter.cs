using System.Text;

namespace Shield.Fuzz.Generation;

/// <summary>Writes C# lines at the current indentation.</summary>
public sealed class CodeWriter
{
    readonly StringBuilder _text = new();
    int _indent;

    public void Line(string line) => _text.Append(' ', _indent * 4).Append(line).Append('\n');

    /// <summary>Writes <c>{</c>, the block's content one level deeper, and <c>}</c> plus an optional suffix.</summary>
    public void Block(Action content, string after = "")
    {
        Line("{");
        _indent++;
        content();
        _indent--;
        Line("}" + after);
    }

    public override string ToString() => _text.ToString();
}
