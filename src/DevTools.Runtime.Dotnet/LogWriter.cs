using System.Text;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// <c>Console.Out</c> and <c>Console.Error</c> as the function sees them: each line it writes becomes one log record of
/// the invoke (information for stdout, error for stderr), as with AWS's runtime.
/// </summary>
internal sealed class LogWriter(string level) : TextWriter
{
    private readonly StringBuilder _line = new();
    private static readonly List<LogWriter> All = [];

    public override Encoding Encoding => Encoding.UTF8;

    public static void Install()
    {
        Console.SetOut(Register(new LogWriter(LambdaLog.Information)));
        Console.SetError(Register(new LogWriter(LambdaLog.Error)));
    }

    /// <summary>Writes out what was written without a newline: the invoke is over, its output must be there first.</summary>
    public static void FlushAll()
    {
        lock (All) foreach (var writer in All) writer.Flush();
    }

    private static LogWriter Register(LogWriter writer)
    {
        lock (All) All.Add(writer);
        return writer;
    }

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n') Emit();
            else _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_line)
        {
            var start = 0;
            for (var newline = value.IndexOf('\n'); newline >= 0; newline = value.IndexOf('\n', start))
            {
                _line.Append(value, start, newline - start);
                Emit();
                start = newline + 1;
            }
            _line.Append(value, start, value.Length - start);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <summary>One call, one record, even when the text holds newlines.</summary>
    public override void WriteLine(string? value)
    {
        lock (_line)
        {
            _line.Append(value);
            Emit();
        }
    }

    public override void Flush()
    {
        lock (_line) if (_line.Length > 0) Emit();
    }

    private void Emit()
    {
        var text = _line.ToString().TrimEnd('\r');
        _line.Clear();
        LambdaLog.Write(level, text);
    }
}
