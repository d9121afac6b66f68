using System.CommandLine;
using DevTools.Engine;
using DevTools.Engine.Isolation;
using DevTools.Engine.Runtimes;

namespace DevTools.Cli.Commands;

/// <summary>The options of the verbs that run functions: isolation, freezing, and which host credentials functions may see.</summary>
internal sealed class EngineArguments
{
    public Option<string> Isolation { get; } = new("--isolation")
    {
        Description = "Isolation level: best (the strongest this machine allows), cgroup-v2, cgroup-v1 or process-group. See `devtools doctor`.",
        DefaultValueFactory = _ => "best",
    };

    public Option<bool> NoFreeze { get; } = new("--no-freeze") { Description = "Keep environments running between invokes instead of freezing them." };

    public Option<bool> SharedNetwork { get; } = new("--shared-network")
    {
        Description = "Run environments on this machine's network (its services at 127.0.0.1) instead of a network namespace each (as root with slirp4netns).",
    };

    public Option<bool> PassCredentials { get; } = new("--pass-aws-credentials")
    {
        Description = "Pass the host's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN to functions (never done by default).",
    };

    public Option<string?> Profile { get; } = new("--profile") { Description = "Pass this profile's credentials from ~/.aws/credentials to functions." };

    public void AddTo(Command command)
    {
        Isolation.AcceptOnlyFromAmong("best", "cgroup-v2", "cgroup-v1", "process-group");
        command.Options.Add(Isolation);
        command.Options.Add(NoFreeze);
        command.Options.Add(SharedNetwork);
        command.Options.Add(PassCredentials);
        command.Options.Add(Profile);
    }

    /// <summary>The engine options these arguments ask for, or an error message.</summary>
    public EngineOptions Apply(ParseResult parse, EngineOptions options, out string? error)
    {
        error = null;
        var credentials = new Dictionary<string, string>();
        try
        {
            if (parse.GetValue(Profile) is { } profile)
                foreach (var (k, v) in HostCredentials.FromProfile(profile)) credentials[k] = v;
            else if (parse.GetValue(PassCredentials))
                foreach (var (k, v) in HostCredentials.FromEnvironment()) credentials[k] = v;
        }
        catch (Exception e) when (e is IOException or KeyNotFoundException)
        {
            error = e.Message;
        }
        return options with
        {
            Isolation = parse.GetValue(Isolation) switch
            {
                "cgroup-v2" => IsolationMode.CgroupV2,
                "cgroup-v1" => IsolationMode.CgroupV1,
                "process-group" => IsolationMode.ProcessGroup,
                _ => IsolationMode.Best,
            },
            Freeze = !parse.GetValue(NoFreeze),
            SharedNetwork = parse.GetValue(SharedNetwork),
            ExtraEnvironment = credentials,
        };
    }
}
