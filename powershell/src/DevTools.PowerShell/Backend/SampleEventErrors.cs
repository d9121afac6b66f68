namespace DevTools.PowerShell.Backend;

/// <summary>The backend refused a sample event: an unknown name or flag, or a value that does not fit its flag (its own message).</summary>
public sealed class InvalidSampleEventException(string message, Exception inner) : Exception(message, inner);

/// <summary>The backend serving the folder predates a feature the command needs.</summary>
public sealed class BackendOutdatedException(string message) : NotSupportedException(message);
