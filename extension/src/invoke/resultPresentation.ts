import type { InvokeResponse } from '../backend/protocol.generated';

/** How an invoke's answer is shown: a notification (short results, queued/dry-run invokes), an editor, or both. */
export interface ResultPresentation {
  severity: 'info' | 'error';
  /** The notification's text. */
  message: string;
  /** Open the payload in the read-only JSON editor. */
  openDocument: boolean;
  /** The payload as the editor shows it (pretty JSON when it parses). */
  document: string;
}

export function presentResult(result: InvokeResponse, inlineMaxLength: number): ResultPresentation {
  const name = result.functionName;
  const payload = result.payload ?? '';
  const document = prettyJson(payload);
  if (result.statusCode === 202)
    return { severity: 'info', message: `${name}: Event invoke queued (request ${result.requestId}).`, openDocument: false, document };
  if (result.statusCode === 204)
    return { severity: 'info', message: `${name}: DryRun succeeded, the function can be invoked.`, openDocument: false, document };
  const compact = compactJson(payload);
  const fits = compact.length <= inlineMaxLength && !compact.includes('\n');
  const summary = metricsSummary(result);
  if (result.functionError) {
    const error = errorSummary(payload, result.errorType);
    return { severity: 'error', message: `${name} failed (${result.functionError}): ${error}${summary}`, openDocument: !fits, document };
  }
  if (fits) return { severity: 'info', message: `${name} returned ${compact === '' ? '(no payload)' : compact}${summary}`, openDocument: false, document };
  return { severity: 'info', message: `${name} returned${summary}`, openDocument: true, document };
}

/** " — cold start (init 121.62 ms), 26.62 ms, 44 of 256 MB" */
export function metricsSummary(result: InvokeResponse): string {
  const m = result.metrics;
  if (!m) return '';
  const start = result.coldStart ? `cold start${m.initDurationMs !== undefined ? ` (init ${m.initDurationMs.toFixed(2)} ms)` : ''}` : 'warm';
  return ` — ${start}, ${m.durationMs.toFixed(2)} ms, ${m.maxMemoryUsedMb} of ${m.memorySizeMb} MB`;
}

/** "Error: boom" from Lambda's error object (`errorType`, `errorMessage`), else the payload itself. */
export function errorSummary(payload: string, errorType: string | undefined): string {
  try {
    const error = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown };
    const type = typeof error.errorType === 'string' ? error.errorType : errorType;
    if (typeof error.errorMessage === 'string') return type ? `${type}: ${error.errorMessage}` : error.errorMessage;
  } catch {
    // not JSON: show it as it is
  }
  const text = payload.length > 200 ? payload.slice(0, 200) + '…' : payload;
  return errorType ? `${errorType}${text ? `: ${text}` : ''}` : text;
}

export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text.trim();
  }
}
