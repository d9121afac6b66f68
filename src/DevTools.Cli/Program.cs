using System.CommandLine;
using DevTools.Cli.Commands;

// Socket completions run on the I/O thread instead of hopping to the thread pool: an invoke crosses four sockets,
// and each hop costs tens of microseconds on a small machine. Read once, before the first socket; the engine does
// no blocking work in socket continuations beyond reading a cgroup file.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

// `serve` compiles its JSON-RPC path on the second core while the command line is parsed and the engine loads.
if (args is ["serve", ..]) DevTools.Server.Hosting.RpcWarmUp.Start();
var root = new RootCommand("Lambda DevTools: run AWS Lambda functions locally with Lambda's execution model.")
{
    InvokeCommand.Create(),
    StartLambdaCommand.Create(),
    StartApiCommand.Create(),
    ValidateCommand.Create(),
    ServeCommand.Create(),
    DoctorCommand.Create(),
    BuildCommand.Create(),
    SdkCommand.Create(),
    GenerateEventCommand.Create(),
};
// No response files: `@aws-sdk/client-s3` is a package name, not a file of arguments.
return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();
