using BenchmarkDotNet.Running;

namespace ScorecardBot.Benchmarks;

/// <summary>dotnet run -c Release --project bench/ScorecardBot.Benchmarks -- --filter '*'</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
