namespace DevTools.Tests.Shared;

/// <summary>The slirp4netns processes an engine started for its environments' networks, for tests that none is left.</summary>
public static class OutboundLinks
{
    /// <summary>Live slirp4netns processes in a network namespace the engine with this pid holds (their command line names it).</summary>
    public static List<int> Of(int enginePid)
    {
        var held = $"/proc/{enginePid}/fd/";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string[] arguments;
            try { arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0'); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (arguments.Any(a => a.EndsWith("slirp4netns", StringComparison.Ordinal)) && arguments.Any(a => a.StartsWith(held, StringComparison.Ordinal))
                && ProcessAssert.IsAlive(pid))
                found.Add(pid);
        }
        return found;
    }

    /// <summary>Waits (bounded) until the engine has none left.</summary>
    public static async Task WaitUntilNoneAsync(int enginePid)
    {
        if (!await Poll.UntilAsync(() => Of(enginePid).Count == 0, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)))
            Assert.Fail($"slirp4netns still running after 5 s: {string.Join(", ", Of(enginePid))}");
    }
}
