import { ProtocolErrorCodes, type LambdaErrorData } from './protocol.generated';

/** A request found no running backend (it failed to start, or the workspace has no template). */
export class BackendUnavailableError extends Error {}

/** vscode-jsonrpc's code for a request whose connection closed before the answer came. */
const pendingResponseRejected = -32097;

/** What a failed request tells the user, and whether it was cancelled (then it tells nothing). */
export interface RequestFailure {
  message: string;
  cancelled: boolean;
}

/**
 * The user's view of a failed request: the engine's own message, with Lambda's error type (and reason) when the Lambda
 * service refused it (`Function not found: arn:… (ResourceNotFoundException)`), as the Invoke API would answer.
 */
export function describeRequestError(error: unknown): RequestFailure {
  if (!isResponseError(error)) return { message: messageOf(error), cancelled: false };
  switch (error.code) {
    case ProtocolErrorCodes.requestCancelled:
      return { message: error.message, cancelled: true };
    case ProtocolErrorCodes.lambdaServiceError: {
      const data = error.data as Partial<LambdaErrorData> | undefined;
      const type = data?.errorType ? `${data.errorType}${data.reason ? `: ${data.reason}` : ''}` : undefined;
      return { message: type ? `${error.message} (${type})` : error.message, cancelled: false };
    }
    case pendingResponseRejected:
      return { message: 'The Lambda DevTools backend stopped before it answered (see Lambda: Show Backend Log).', cancelled: false };
    default:
      return { message: error.message, cancelled: false };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A JSON-RPC error answer (vscode-jsonrpc's ResponseError, whichever copy of the module made it). */
function isResponseError(error: unknown): error is { code: number; message: string; data?: unknown } {
  const candidate = error as { code?: unknown; message?: unknown } | undefined;
  return typeof candidate?.code === 'number' && typeof candidate.message === 'string';
}
