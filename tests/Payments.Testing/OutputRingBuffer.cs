using System.Text;

namespace Payments.Testing;

/// <summary>Thread-safe buffer keeping the last lines a child process wrote.</summary>
internal sealed class OutputRingBuffer(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var builder = new StringBuilder();
            foreach (var line in _lines)
            {
                builder.AppendLine(line);
            }

            return builder.ToString();
        }
    }
}
