using DevTools.Protocol;
using DevTools.Server.Hosting;
using DevTools.Server.Lsp.Documents;

namespace DevTools.Server.Rpc.Build;

/// <summary><c>lambda/build</c>: the engine's build, its <c>build.*</c> events streamed to every subscriber as it runs.</summary>
internal sealed class BuildHandler(BackendContext context, ClientSession session) : IRequestHandler<BuildParams, BuildResult>
{
    public string Method => ProtocolMethods.Build;

    public async Task<BuildResult> HandleAsync(BuildParams parameters, CancellationToken cancellationToken)
    {
        var report = await context.Engine.BuildAsync(parameters.Functions, parameters.Force, cancellationToken).ConfigureAwait(false);
        await session.FlushEventsAsync().ConfigureAwait(false);
        // The template's "dependencies not installed" warnings depend on what the build left on disk.
        await TemplateDocuments.RepublishEngineTemplateAsync(context, session).ConfigureAwait(false);
        return ProtocolMapper.ToBuildResult(report);
    }
}
