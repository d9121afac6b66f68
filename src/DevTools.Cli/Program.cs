using System.CommandLine;
using DevTools.Cli.Commands;

var root = new RootCommand("Lambda DevTools: run AWS Lambda functions locally with Lambda's execution model.")
{
    InvokeCommand.Create(),
    StartLambdaCommand.Create(),
    ValidateCommand.Create(),
    ServeCommand.Create(),
    DoctorCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
