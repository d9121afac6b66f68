using System.CommandLine;
using DevTools.Engine;
using DevTools.Engine.Isolation;

namespace DevTools.Cli.Commands;

/// <summary><c>devtools doctor</c>: what this machine allows for isolation, and what the engine will use.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Show the isolation mechanisms available here and the ones the engine will use.");
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
            Console.Out.WriteLine($"  private mount (/tmp)   {(caps.MountNamespace ? "yes (unshare + tmpfs)" : "no")}");
            Console.Out.WriteLine($"  own process group      {(caps.SetsidPath is null ? "no" : "yes (setsid)")}");
            Console.Out.WriteLine();
            Console.Out.WriteLine("Used");
            Console.Out.WriteLine($"  freeze and kill        {Describe(plan.Level)}");
            Console.Out.WriteLine($"  memory limit and peak  {(plan.Memory == "none" ? "not enforced; peak = process tree's peak RSS (/proc VmHWM)" : plan.Memory + " (limit = MemorySize; peak from the group)")}");
            Console.Out.WriteLine($"  CPU share              {(plan.Cpu == "none" ? "none" : plan.Cpu + " (weight proportional to memory, 1769 MB = one vCPU)")}");
            Console.Out.WriteLine($"  /tmp                   {(plan.PrivateTmp ? "private mount: a tmpfs capped at EphemeralStorage on /tmp" : "a private directory as TMPDIR; usage watched, cap not enforced")}");
            Console.Out.WriteLine($"  no orphans             watchdog process{(plan.Level.StartsWith("cgroup") ? " + cgroup kill" : " + process-group kill")}");
            foreach (var note in caps.Notes) Console.Out.WriteLine($"  note: {note}");
            return 0;
        });
        return command;
    }

    private static string Describe(string level) => level switch
    {
        IsolationLevel.CgroupV2 => "cgroup-v2 (cgroup.freeze: every process of the environment, daemons included)",
        IsolationLevel.CgroupV1 => "cgroup-v1 (freezer.state: every process of the environment, daemons included)",
        IsolationLevel.ProcessGroup => "process-group (SIGSTOP/SIGCONT; a child that leaves the group keeps running)",
        _ => "none (environments are not frozen)",
    };
}
