using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ScorecardBot.IntegrationTests.Fakes;

/// <summary>The host's log lines (category, level, text), for tests of what an operator would read.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Text)> _lines = new();
    private readonly ConcurrentQueue<(string Category, string Text, Exception Exception)> _exceptions = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Text)> Lines => [.. _lines];

    /// <summary>The exceptions logged at error level or above, with their line: what an operator would investigate.</summary>
    public IReadOnlyList<(string Category, string Text, Exception Exception)> Exceptions => [.. _exceptions];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            owner._lines.Enqueue((category, logLevel, text));
            if (exception is not null && logLevel >= LogLevel.Error)
            {
                owner._exceptions.Enqueue((category, text, exception));
            }
        }
    }
}
