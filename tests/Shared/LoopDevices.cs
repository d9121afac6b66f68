namespace DevTools.Tests.Shared;

/// <summary>The machine's loop devices and their image files (from /sys), for tests that nothing is left attached.</summary>
public static class LoopDevices
{
    /// <summary>Loop devices whose backing file is below <paramref name="prefix"/>: device name to image path.</summary>
    public static Dictionary<string, string> BackedBy(string prefix)
    {
        var found = new Dictionary<string, string>();
        if (!Directory.Exists("/sys/block")) return found;
        foreach (var device in Directory.GetDirectories("/sys/block", "loop*"))
        {
            var backing = Path.Combine(device, "loop", "backing_file");
            string image;
            try { image = File.ReadAllText(backing).Trim(); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (image.StartsWith(prefix, StringComparison.Ordinal)) found[Path.GetFileName(device)] = image;
        }
        return found;
    }

    /// <summary>Waits (bounded) until none of these devices is still attached to its image.</summary>
    public static async Task WaitUntilNoneAsync(string prefix, IReadOnlyDictionary<string, string> devices)
    {
        bool NoneAttached()
        {
            var now = BackedBy(prefix);
            return !devices.Any(d => now.TryGetValue(d.Key, out var image) && image == d.Value);
        }
        if (!await Poll.UntilAsync(NoneAttached, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)))
            Assert.Fail("loop devices still attached after 5 s: " + string.Join(", ", devices.Select(d => $"{d.Key} -> {d.Value}")));
    }
}
