namespace DevTools.Tests.Shared;

public static class ProcessAssert
{
    /// <summary>Asserts that a process is gone (or a zombie about to be reaped) within a few seconds.</summary>
    public static async Task GoneAsync(int pid, TimeSpan? within = null)
    {
        if (!await Poll.UntilAsync(() => !IsAlive(pid), within ?? TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)))
            Assert.Fail($"process {pid} is still running");
    }

    public static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return false;
        try
        {
            var state = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("State:"));
            return state is not null && !state.Contains("zombie") && !state.Contains(" Z ");
        }
        catch (IOException) { return false; }
    }
}
