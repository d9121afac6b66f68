using System.Collections;
using System.Globalization;
using System.Management.Automation;
using DevTools.PowerShell.Completion;
using DevTools.PowerShell.Json;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Generates a sample event a service sends to a function (S3 put, SQS message, API Gateway request...).</para>
/// The backend generates it (as <c>devtools generate-event</c> does), in its region and account, at the current time.
/// </summary>
[Cmdlet(VerbsCommon.New, "LocalEvent", DefaultParameterSetName = NameSet)]
[OutputType(typeof(LocalSampleEvent))]
public sealed class NewLocalEventCommand : DevToolsCmdlet
{
    private const string NameSet = "Name";
    private const string ServiceSet = "Service";

    /// <summary>The sample's id: <c>s3-put</c>, <c>sqs-receive-message</c>...</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SampleEventCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The service, as <c>generate-event</c> names it: <c>s3</c>. (Named only: one positional argument is an id.)</summary>
    [Parameter(Mandatory = true, ParameterSetName = ServiceSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SampleEventCompleter))]
    public string Service { get; set; } = "";

    /// <summary>The service's event: <c>put</c>.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ServiceSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SampleEventCompleter))]
    public string Event { get; set; } = "";

    /// <summary>Flag values by flag name (<c>@{ bucket = 'photos'; key = 'a b.jpg' }</c>); the others take their defaults.</summary>
    [Parameter]
    public IDictionary? Values { get; set; }

    protected override void ProcessRecord()
    {
        var id = ParameterSetName == ServiceSet ? $"{Service}-{Event}" : Name;
        Dictionary<string, string>? values;
        try
        {
            values = FlagValues(Values);
        }
        catch (PayloadConversionException e)
        {
            WriteFailure(e, Values);
            return;
        }
        var templatePath = ResolveTemplate();
        var connection = Connect(templatePath);
        Try(() =>
        {
            var generated = connection.GenerateSampleEvent(id, values, CancelToken);
            WriteObject(new LocalSampleEvent { Id = generated.Id, Payload = generated.Event, TemplatePath = templatePath });
        }, id);
    }

    /// <summary>The flags' values as text: strings as they are, numbers, booleans and dates as JSON writes them, objects (a detail) as JSON.</summary>
    private static Dictionary<string, string>? FlagValues(IDictionary? values)
    {
        if (values is null) return null;
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in values)
        {
            var value = entry.Value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : entry.Value;
            flags[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = value switch
            {
                null => "",
                string text => text,
                bool b => b ? "true" : "false",
                IFormattable scalar => scalar.ToString(scalar is DateTime or DateTimeOffset ? "o" : null, CultureInfo.InvariantCulture),
                _ => PayloadConverter.ToJson(value),
            };
        }
        return flags;
    }
}
