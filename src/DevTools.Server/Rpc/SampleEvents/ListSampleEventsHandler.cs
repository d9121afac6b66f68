using DevTools.Engine.SampleEvents;
using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.SampleEvents;

/// <summary><c>lambda/events/samples</c>: the catalogue, with the defaults this engine gives (its region and account).</summary>
internal sealed class ListSampleEventsHandler(BackendContext context) : IRequestHandler<NoParams, SampleEventListResult>
{
    public string Method => ProtocolMethods.EventsSamples;

    public Task<SampleEventListResult> HandleAsync(NoParams parameters, CancellationToken cancellationToken)
    {
        var defaults = SampleEventContext.Of(context.Engine.Options);
        return Task.FromResult(new SampleEventListResult
        {
            Samples = SampleEventCatalog.All.Select(sample => new SampleEventDescription
            {
                Id = sample.Id,
                Service = sample.Service.Name,
                Name = sample.Name,
                Title = sample.Title,
                Description = sample.Description,
                Flags = sample.Flags.Select(flag => new SampleEventFlagDescription
                {
                    Name = flag.Name,
                    Description = flag.Description,
                    Default = flag.DefaultFor(defaults),
                    Choices = flag.Choices?.ToList(),
                }).ToList(),
            }).ToList(),
        });
    }
}
