namespace DevTools.Engine.Environments;

/// <summary>
/// Watches the template and every function's code directory, and reports a change once the
/// files have been quiet for a moment (editors save in bursts).
/// </summary>
internal sealed class CodeWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Dictionary<string, Timer> _pending = new(StringComparer.Ordinal);
    private readonly Action<string> _onChanged;
    private bool _disposed;

    /// <param name="onChanged">Called with the watched path (a code directory, or the template file) that changed.</param>
    public CodeWatcher(Action<string> onChanged) => _onChanged = onChanged;

    public void Watch(IEnumerable<string> directories, string? templateFile)
    {
        lock (_pending)
        {
            foreach (var watcher in _watchers) watcher.Dispose();
            _watchers.Clear();
            foreach (var directory in directories.Distinct(StringComparer.Ordinal).Where(Directory.Exists))
                Add(new FileSystemWatcher(directory) { IncludeSubdirectories = true }, directory);
            if (templateFile is not null && File.Exists(templateFile))
                Add(new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(templateFile))!, Path.GetFileName(templateFile)), templateFile);
        }
    }

    private void Add(FileSystemWatcher watcher, string key)
    {
        watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
        FileSystemEventHandler handler = (_, e) => { if (!Ignored(e.FullPath)) Schedule(key); };
        watcher.Changed += handler;
        watcher.Created += handler;
        watcher.Deleted += handler;
        watcher.Renamed += (_, e) => { if (!Ignored(e.FullPath)) Schedule(key); };
        try { watcher.EnableRaisingEvents = true; }
        catch (IOException) { watcher.Dispose(); return; } // out of inotify watches: run without watching this folder
        _watchers.Add(watcher);
    }

    /// <summary>Files a runtime writes itself (Python's bytecode cache) and builds (<c>.aws-sam</c>) are not code changes.</summary>
    private static bool Ignored(string path) =>
        path.Contains("__pycache__", StringComparison.Ordinal) || path.EndsWith(".pyc", StringComparison.Ordinal)
        || path.Contains("/.aws-sam/", StringComparison.Ordinal);

    private void Schedule(string key)
    {
        lock (_pending)
        {
            if (_disposed) return;
            if (_pending.TryGetValue(key, out var timer)) { timer.Change(Quiet, Timeout.InfiniteTimeSpan); return; }
            _pending[key] = new Timer(_ => Fire(key), null, Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(string key)
    {
        lock (_pending)
        {
            if (_pending.Remove(key, out var timer)) timer.Dispose();
            if (_disposed) return;
        }
        try { _onChanged(key); } catch { /* a failed reload is reported by the reload itself */ }
    }

    public void Dispose()
    {
        lock (_pending)
        {
            _disposed = true;
            foreach (var watcher in _watchers) watcher.Dispose();
            foreach (var timer in _pending.Values) timer.Dispose();
            _pending.Clear();
        }
    }
}
