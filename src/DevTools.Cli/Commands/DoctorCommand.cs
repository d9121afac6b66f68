using System.CommandLine;
using DevTools.Engine;
using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Engine.Isolation.Network;
using DevTools.Engine.Runtimes;
using DevTools.Engine.Runtimes.Dotnet;
using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Cli.Commands;

/// <summary><c>devtools doctor</c>: what this machine allows for isolation, what the engine will use, and what runs each runtime family.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Show the isolation mechanisms available here and the ones the engine will use, and what runs each runtime.");
        command.SetAction(_ =>
        {
            var caps = LambdaEngine.DetectedCapabilities.Value;
            var plan = IsolationPlan.Choose(caps, IsolationMode.Best);
            var v1 = caps.CgroupV1.Count == 0 ? "not writable" : string.Join(", ", caps.CgroupV1.Keys);
            var v2 = caps.CgroupV2Root is null ? "not writable"
                : $"{caps.CgroupV2Root} (memory controller: {(caps.CgroupV2Memory ? "yes" : "no")}, cpu controller: {(caps.CgroupV2Cpu ? "yes" : "no")})";
            Console.Out.WriteLine("Available");
            Console.Out.WriteLine($"  running as root        {(caps.IsRoot ? "yes" : "no")}");
            Console.Out.WriteLine($"  cgroup v2              {v2}");
            Console.Out.WriteLine($"  cgroup v1              {v1}");
            Console.Out.WriteLine($"  private mount (/tmp)   {(caps.MountNamespace ? "yes (unshare)" : "no")}");
            Console.Out.WriteLine($"  /tmp disks             {(caps.MkfsExt4Path is null ? "no (needs root, mkfs.ext4 and loop devices)" : $"yes ({caps.MkfsExt4Path}, /dev/loop-control)")}");
            Console.Out.WriteLine($"  network namespace      {(caps.NetworkNamespace ? $"yes (unshare, nsenter; outbound through {caps.Slirp4netnsPath})" : "no (needs root and slirp4netns)")}");
            Console.Out.WriteLine($"  own process group      {(caps.SetsidPath is null ? "no" : "yes (setsid)")}");
            Console.Out.WriteLine();
            Console.Out.WriteLine("Used");
            Console.Out.WriteLine($"  freeze and kill        {Describe(plan.Level)}");
            Console.Out.WriteLine($"  memory limit and peak  {(plan.Memory == "none" ? "not enforced; peak = process tree's peak RSS (/proc VmHWM)" : plan.Memory + " (limit = MemorySize; peak = its processes' peak RSS, page cache such as /tmp's left out)")}");
            Console.Out.WriteLine($"  CPU share              {(plan.Cpu == "none" ? "none" : plan.Cpu + " (weight proportional to memory, 1769 MB = one vCPU)")}");
            Console.Out.WriteLine($"  /tmp                   {plan.Tmp switch
            {
                TmpModes.PrivateDisk => "private-disk: an ext4 filesystem of EphemeralStorage's size on /tmp (loop device; not memory)",
                TmpModes.PrivateMount => "private-mount: a tmpfs capped at EphemeralStorage on /tmp (its pages count as memory)",
                _ => "directory: a private directory as TMPDIR; usage watched, cap not enforced",
            }}");
            Console.Out.WriteLine($"  file layout            {(plan.Tmp != TmpModes.Directory && LambdaLayout.Available
                ? "Lambda's: code at /var/task (read-only), runtime client at /var/runtime, layers merged at /opt (read-only)"
                : "the real folders: LAMBDA_TASK_ROOT is the code's folder, the layers' search paths point at their merge (Lambda's paths need a private mount namespace as root)")}");
            var ownNetwork = plan.Network == NetworkModes.Namespace;
            Console.Out.WriteLine($"  network                {(ownNetwork
                ? "namespace: each environment its own loopback (Runtime API at 127.0.0.1:9001, extensions' fixed ports its own), outbound through slirp4netns"
                : "shared: the machine's (Runtime API on a free loopback port; an extension's fixed port serves one environment at a time)")}");
            Console.Out.WriteLine($"  host services          functions reach this machine's loopback at {(plan.Tmp != TmpModes.Directory
                ? $"{string.Join(" or ", NameResolution.HostNames)} ({NameResolution.HostAddress(ownNetwork)})"
                : "127.0.0.1")}");
            Console.Out.WriteLine($"  no orphans             watchdog process{(plan.Level.StartsWith("cgroup") ? " + cgroup kill" : " + process-group kill")}");
            foreach (var note in caps.Notes) Console.Out.WriteLine($"  note: {note}");
            Console.Out.WriteLine();
            WriteRuntimes();
            Console.Out.WriteLine();
            WriteRuntimeSdks();
            return 0;
        });
        return command;
    }

    /// <summary>Each runtime family and what runs it here: the machine's toolchain may be older than a runtime's name.</summary>
    private static void WriteRuntimes()
    {
        var options = new EngineOptions();
        Console.Out.WriteLine("Runtimes (what runs them here)");
        foreach (var family in RuntimeCatalog.All.Where(r => !r.Deprecated).GroupBy(r => r.Family))
        {
            var label = family.Key switch
            {
                RuntimeFamily.Node => "nodejs*",
                RuntimeFamily.Python => "python3.*",
                RuntimeFamily.Java => "java*",
                RuntimeFamily.Ruby => "ruby*",
                RuntimeFamily.Provided => "provided*",
                _ => new string(family.First().Name.TakeWhile(char.IsLetter).ToArray()) + "*",
            };
            if (family.Key == RuntimeFamily.Provided) { Row(label, "the function's own bootstrap"); continue; }
            if (family.Key == RuntimeFamily.Unsupported) { Row(label, "not run locally"); continue; }
            if (family.Key == RuntimeFamily.Dotnet)
            {
                Row(label, $"{string.Join(", ", family.Select(r => r.Name))}: {DotnetToolchain.Find(options.DotnetExecutable).Describe()}");
                continue;
            }
            foreach (var runs in family.GroupBy(r => Toolchains.Find(r, options)))
            {
                var names = string.Join(", ", runs.Select(r => r.Name));
                if (runs.Key is not { } toolchain) { Row(label, $"{names}: nothing here. {Toolchains.MissingMessage(runs.First())}"); label = ""; continue; }
                var older = runs.Where(toolchain.IsOlderThan).Select(r => r.Name).ToList();
                Row(label, $"{names}: {toolchain} ({toolchain.Executable})"
                    + (older.Count == 0 ? "" : $"; older than {string.Join(", ", older)}: code needing a newer one fails at init"));
                label = "";
            }
            if (family.Key == RuntimeFamily.Java && !Toolchains.JavaClientBuilt)
                Row("", "the Java runtime client is missing: this build was made without a JDK (javac); build again with one");
        }

        static void Row(string label, string text) => Console.Out.WriteLine($"  {label,-11}{text}");
    }

    /// <summary>The SDKs Lambda's runtimes carry, as functions here will find them.</summary>
    private static void WriteRuntimeSdks()
    {
        var provider = new RuntimeSdkProvider(new EngineOptions(), new LifecycleEventHub());
        var node = provider.Node;
        var python = provider.Python.LocateAsync(CancellationToken.None).GetAwaiter().GetResult();
        Console.Out.WriteLine($"Runtime SDKs (cached per machine in {RuntimeSdkCache.DefaultDirectory})");
        Console.Out.WriteLine(node.Version is { } version
            ? $"  nodejs*   AWS SDK for JavaScript {version}: {node.InstalledPackages().Count} package(s) installed; others are fetched on first import"
            : "  nodejs*   AWS SDK for JavaScript: none yet; fetched on a function's first import (or now: devtools sdk install)");
        Console.Out.WriteLine(python.Source switch
        {
            "cache" => $"  python3.* boto3 {python.Version} from the cache ({python.Location})",
            "interpreter" => $"  python3.* boto3 {python.Version}, the machine's Python's own ({python.Location})",
            _ => "  python3.* boto3: not found; installed on a function's first import (or now: devtools sdk install --python)",
        });
    }

    private static string Describe(string level) => level switch
    {
        IsolationLevel.CgroupV2 => "cgroup-v2 (cgroup.freeze: every process of the environment, daemons included)",
        IsolationLevel.CgroupV1 => "cgroup-v1 (freezer.state: every process of the environment, daemons included)",
        IsolationLevel.ProcessGroup => "process-group (SIGSTOP/SIGCONT; a child that leaves the group keeps running)",
        _ => "none (environments are not frozen)",
    };
}
