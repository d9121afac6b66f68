using DevTools.Engine.SampleEvents;
using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.SampleEvents;

/// <summary><c>lambda/events/generate</c>: one sample event, in this engine's region and account unless the values say otherwise.</summary>
internal sealed class GenerateSampleEventHandler(BackendContext context) : IRequestHandler<SampleEventGenerateParams, SampleEventGenerateResult>
{
    public string Method => ProtocolMethods.EventsGenerate;

    public Task<SampleEventGenerateResult> HandleAsync(SampleEventGenerateParams parameters, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(parameters.Id)) throw new InvalidParamsException("id is required: a sample event's id, such as s3-put (lambda/events/samples lists them).");
        var sample = SampleEventCatalog.Find(parameters.Id);
        var json = SampleEventCatalog.Generate(sample, parameters.Values, SampleEventContext.Of(context.Engine.Options));
        return Task.FromResult(new SampleEventGenerateResult { Id = sample.Id, Event = json });
    }
}
