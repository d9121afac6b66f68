namespace DevTools.Engine.SampleEvents;

/// <summary>A sample event that cannot be generated as asked: an unknown service, event or flag, or a value that does not fit its flag.</summary>
public sealed class SampleEventException(string message) : Exception(message);
