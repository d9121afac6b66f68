using System.Text;

namespace DevTools.Engine.Invocation;

/// <summary>Keeps the last 4 KB of an invoke's log lines, for <c>LogType=Tail</c>.</summary>
public sealed class LogTail
{
    private readonly Queue<string> _lines = new();
    private int _bytes;

    public void Append(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            _bytes += Encoding.UTF8.GetByteCount(line) + 1;
            while (_bytes > LambdaLimits.LogTailBytes && _lines.Count > 1)
                _bytes -= Encoding.UTF8.GetByteCount(_lines.Dequeue()) + 1;
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            var text = string.Join('\n', _lines) + "\n";
            var bytes = Encoding.UTF8.GetBytes(text);
            return bytes.Length <= LambdaLimits.LogTailBytes
                ? text
                : Encoding.UTF8.GetString(bytes, bytes.Length - LambdaLimits.LogTailBytes, LambdaLimits.LogTailBytes);
        }
    }
}
