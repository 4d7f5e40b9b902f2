using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Payments.Testing;

/// <summary>
/// Keeps every log line of a test host — any level, formatted, with its structured properties and exception — so a
/// test can assert what was written, and what never was (a secret, a key), and show the log when it fails.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string Text => string.Join(Environment.NewLine, _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join('|', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            capture._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{properties}]{(exception is null ? "" : " " + exception)}");
        }
    }
}
