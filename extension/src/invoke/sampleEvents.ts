import { ProtocolMethods, type SampleEventDescription, type SampleEventGenerateParams, type SampleEventGenerateResult, type SampleEventListResult } from '../backend/protocol.generated';

/** Sends one backend request (the extension's BackendConnection.request). */
export type BackendRequest = <R>(method: string, params?: object) => Promise<R>;

/** What the event picker shows and a recent event is called: "Sample event: S3 put". */
export function sampleEventLabel(sample: Pick<SampleEventDescription, 'title'>): string {
  return `Sample event: ${sample.title}`;
}

/**
 * The samples in the order the picker offers them for one function: those of a service its name mentions first
 * (`S3UploadHandler` gets S3's first, `SqsWorker` SQS's), then the others in the backend's order.
 * `lambda` names every function, so it ranks nothing.
 */
export function rankSampleEvents(samples: SampleEventDescription[], functionName: string): SampleEventDescription[] {
  const name = functionName.toLowerCase().replace(/[^a-z0-9]/g, '');
  const named = (s: SampleEventDescription) => s.service !== 'lambda' && name.includes(s.service.toLowerCase());
  return [...samples.filter(named), ...samples.filter(s => !named(s))];
}

/** The backend's sample events; none when it cannot say (a backend that predates them, or none running): the picker goes on without them. */
export async function listSampleEvents(request: BackendRequest): Promise<SampleEventDescription[]> {
  try {
    return (await request<SampleEventListResult>(ProtocolMethods.eventsSamples)).samples ?? [];
  } catch {
    return [];
  }
}

/** One sample event as JSON text, its flags at their defaults (the backend's region and account, the current time). */
export async function generateSampleEvent(request: BackendRequest, id: string): Promise<string> {
  return (await request<SampleEventGenerateResult>(ProtocolMethods.eventsGenerate, { id } satisfies SampleEventGenerateParams)).event;
}
