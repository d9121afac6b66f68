using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text;

namespace DevTools.PowerShell.Tests;

/// <summary>
/// Runs powershell/tests/Invoke-PesterSuite.ps1 in PowerShell hosted in this process: once to discover the Pester
/// tests (their names are the xUnit cases), once to run them all (each case then reads its own result).
/// </summary>
public static class PesterSuite
{
    private static readonly Lazy<PesterRun> LazyRun = new(() => Invoke(discoveryOnly: false), LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ModulePath => Metadata("DevToolsModule");
    public static string SuiteScript => Metadata("PesterSuite");
    public static string PesterPath => Path.Combine(AppContext.BaseDirectory, "Pester", "Pester.psd1");

    /// <summary>The one full run (the first case to ask pays for it).</summary>
    public static PesterRun Run => LazyRun.Value;

    /// <summary>The suites' test names, without running them.</summary>
    public static IReadOnlyList<string> Discover() => Invoke(discoveryOnly: true).Tests.Keys.ToList();

    private static PesterRun Invoke(bool discoveryOnly)
    {
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create(runspace);
        ps.AddCommand(SuiteScript)
            .AddParameter("PesterPath", PesterPath)
            .AddParameter("ModulePath", ModulePath)
            .AddParameter("Verbosity", "None");
        if (discoveryOnly) ps.AddParameter("DiscoveryOnly");

        var log = new StringBuilder();
        ps.Streams.Information.DataAdded += (_, e) => log.AppendLine(ps.Streams.Information[e.Index].MessageData?.ToString());
        ps.Streams.Error.DataAdded += (_, e) => log.AppendLine("ERROR: " + ps.Streams.Error[e.Index]);
        Collection<PSObject> output;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException e)
        {
            throw new InvalidOperationException($"Invoke-PesterSuite.ps1 failed: {e.Message}\n{log}", e);
        }
        if (!discoveryOnly) File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "pester-output.txt"), log.ToString());
        var result = output.LastOrDefault(o => o?.Properties["Tests"] is not null)
            ?? throw new InvalidOperationException($"Invoke-Pester returned no result.\n{log}");
        return PesterRun.From(result, log.ToString());
    }

    private static string Metadata(string key) =>
        typeof(PesterSuite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>One Invoke-Pester -PassThru run: its tests by name, and what failed outside any test.</summary>
public sealed class PesterRun
{
    public required IReadOnlyDictionary<string, PesterTestResult> Tests { get; init; }
    public required IReadOnlyList<string> ContainerFailures { get; init; }
    public required string Log { get; init; }

    public static PesterRun From(PSObject run, string log)
    {
        var tests = new Dictionary<string, PesterTestResult>(StringComparer.Ordinal);
        foreach (var test in Enumerate(run.Properties["Tests"].Value))
        {
            var name = NameOf(test);
            while (tests.ContainsKey(name)) name += " (again)";
            tests[name] = new PesterTestResult(
                test.Properties["Result"].Value?.ToString() ?? "NotRun",
                Message(test));
        }
        // A container whose own ErrorRecord is set failed outside its tests (a syntax error, a failing top-level BeforeAll);
        // one that failed only because some of its tests did is reported by those tests' cases.
        var containerFailures = Enumerate(run.Properties["Containers"].Value)
            .Select(c => (Item: c.Properties["Item"].Value, Errors: Enumerate(c.Properties["ErrorRecord"].Value).ToList()))
            .Where(c => c.Errors.Count > 0)
            .Select(c => $"{c.Item}: {string.Join("\n", c.Errors.Select(e => e.ToString()))}")
            .ToList();
        return new PesterRun { Tests = tests, ContainerFailures = containerFailures, Log = log };
    }

    /// <summary>"File.Tests: Describe.Context.It", as Pester's ExpandedPath names it, with the file.</summary>
    private static string NameOf(PSObject test)
    {
        var path = Expand(test.Properties["ExpandedPath"].Value?.ToString() ?? test.Properties["Name"].Value?.ToString() ?? "?", test.Properties["Data"]?.Value);
        var file = (test.Properties["ScriptBlock"].Value as PSObject)?.BaseObject is ScriptBlock block ? block.File
            : (test.Properties["ScriptBlock"].Value as ScriptBlock)?.File;
        return file is null ? path : $"{Path.GetFileNameWithoutExtension(file)}: {path}";
    }

    /// <summary>Discovery leaves a data-driven name's <c>&lt;_&gt;</c> and <c>&lt;key&gt;</c> unexpanded; the run expands them from the test's data.</summary>
    private static string Expand(string name, object? data)
    {
        if (data is null || !name.Contains('<')) return name;
        var item = data is PSObject ps ? ps.BaseObject : data;
        return System.Text.RegularExpressions.Regex.Replace(name, "<([^<>]+)>", m =>
        {
            var key = m.Groups[1].Value;
            if (key == "_") return item.ToString() ?? "";
            if (item is System.Collections.IDictionary dictionary && dictionary.Contains(key)) return dictionary[key]?.ToString() ?? "";
            return PSObject.AsPSObject(data).Properties[key]?.Value?.ToString() ?? m.Value;
        });
    }

    private static string Message(PSObject test)
    {
        var errors = Enumerate(test.Properties["ErrorRecord"].Value).ToList();
        if (errors.Count == 0) return "";
        return string.Join("\n\n", errors.Select(e => e.BaseObject is ErrorRecord record
            ? $"{record.Exception.Message}\n{record.ScriptStackTrace}"
            : e.ToString()));
    }

    private static IEnumerable<PSObject> Enumerate(object? value) => value switch
    {
        null => [],
        PSObject { BaseObject: System.Collections.IEnumerable list and not string } => list.Cast<object>().Select(PSObject.AsPSObject),
        System.Collections.IEnumerable list and not string => list.Cast<object>().Select(PSObject.AsPSObject),
        _ => [PSObject.AsPSObject(value)],
    };
}

public sealed record PesterTestResult(string Result, string Message);
