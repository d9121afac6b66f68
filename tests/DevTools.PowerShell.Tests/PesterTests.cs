namespace DevTools.PowerShell.Tests;

/// <summary>
/// Every Pester test of powershell/tests/*.Tests.ps1 as its own xUnit case: the names come from Pester's discovery,
/// the results from one Invoke-Pester run, and a failing case fails with Pester's message.
/// </summary>
public sealed class PesterTests
{
    public static TheoryData<string> Tests()
    {
        var data = new TheoryData<string>();
        foreach (var name in PesterSuite.Discover()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public void Pester(string test)
    {
        var run = PesterSuite.Run;
        Assert.True(run.Tests.TryGetValue(test, out var result), $"Pester did not run '{test}'. Its log:\n{PesterRun.Tail(run.Log)}");
        if (result!.Result is "Failed") Assert.Fail(result.Message);
        Assert.True(result.Result is "Passed" or "Skipped", $"'{test}' ended {result.Result}. {result.Message}\n{string.Join("\n", run.ContainerFailures)}");
    }

    /// <summary>What no single case shows: a suite file that failed outside its tests, or a test that discovery did not find.</summary>
    [Fact]
    public void EverySuiteRanAndEveryTestWasDiscovered()
    {
        var run = PesterSuite.Run;
        Assert.True(run.ContainerFailures.Count == 0, "Pester containers failed:\n" + string.Join("\n", run.ContainerFailures) + "\n" + PesterRun.Tail(run.Log));
        var discovered = PesterSuite.Discover().ToHashSet();
        var unknown = run.Tests.Keys.Where(name => !discovered.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, "Ran but not discovered: " + string.Join(", ", unknown));
        Assert.NotEmpty(run.Tests);
    }
}
