namespace DevTools.Tests.Shared;

/// <summary>
/// The one way tests wait for a state they cannot subscribe to (a process gone, a file written, a socket answering):
/// look again every <c>every</c> until it holds or <c>within</c> passes. Prefer waiting for the event that says so.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>The first non-null value <paramref name="probe"/> returns; null when the time is up first.</summary>
    public static async Task<T?> UntilAsync<T>(Func<T?> probe, TimeSpan within, TimeSpan? every = null) where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (probe() is { } value) return value;
            if (DateTime.UtcNow >= deadline) return null;
            await Task.Delay(every ?? DefaultEvery);
        }
    }

    /// <summary>True once <paramref name="condition"/> holds; false when the time is up first.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan within, TimeSpan? every = null) =>
        UntilAsync(() => Task.FromResult(condition()), within, every);

    /// <summary>True once the asynchronous <paramref name="condition"/> holds; false when the time is up first.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan within, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(every ?? DefaultEvery);
        }
    }
}
