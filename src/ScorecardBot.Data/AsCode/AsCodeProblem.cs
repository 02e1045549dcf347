using System.Globalization;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// One thing wrong with an imported file, at a place a person can jump to. Line and column are
/// 1-based; a column of 0 means the whole line (CSV rows).
/// </summary>
public sealed record AsCodeProblem(string Source, int Line, int Column, string Message)
{
    /// <summary>Compiler style, so editors and terminals can link to it: "x.yaml:42:7: message".</summary>
    public override string ToString() => Column > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}:{Column}: {Message}")
        : string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}: {Message}");
}

/// <summary>Thrown when a file has problems; nothing has been written.</summary>
public sealed class AsCodeImportException : Exception
{
    public AsCodeImportException(IReadOnlyList<AsCodeProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    public AsCodeImportException()
        : this([])
    {
    }

    public AsCodeImportException(string message)
        : base(message) => Problems = [];

    public AsCodeImportException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    public IReadOnlyList<AsCodeProblem> Problems { get; }

    private static string Describe(IReadOnlyList<AsCodeProblem> problems) =>
        problems.Count == 0
            ? "The file has problems."
            : $"{problems.Count} problem(s); nothing was imported:{Environment.NewLine}" +
              string.Join(Environment.NewLine, problems);
}

/// <summary>Where a value sits in the source file (1-based).</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public static SourcePosition None => default;
}

/// <summary>Collects problems for one source file.</summary>
internal sealed class ProblemList(string source)
{
    private readonly List<AsCodeProblem> _problems = [];

    public string Source { get; } = source;

    public IReadOnlyList<AsCodeProblem> All => _problems;

    public bool Any => _problems.Count > 0;

    public void Add(SourcePosition at, string message) =>
        _problems.Add(new AsCodeProblem(Source, at.Line, at.Column, message));

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new AsCodeImportException(
                [.. _problems.OrderBy(p => p.Line).ThenBy(p => p.Column)]);
        }
    }
}
