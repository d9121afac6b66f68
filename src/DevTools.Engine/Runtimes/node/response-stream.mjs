// Response streaming (handlers wrapped with awslambda.streamifyResponse): the handler writes to a
// Writable whose bytes go to POST /response as a chunked body with
// `Lambda-Runtime-Function-Response-Mode: streaming`. A failure after the first byte is reported
// in the HTTP trailers; a failure before it goes to /error like any other invoke error.
import { Writable } from 'node:stream';
import { InvalidStreamingOperation } from './errors.mjs';

const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const PRELUDE_DELIMITER = Buffer.alloc(8); // eight NUL bytes end the JSON prelude

/** The `awslambda.HttpResponseStream` helper: a JSON prelude (statusCode, headers, cookies) then the body. */
export class HttpResponseStream {
  static from(responseStream, prelude) {
    responseStream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
    responseStream.write(JSON.stringify(prelude));
    responseStream.write(PRELUDE_DELIMITER);
    return responseStream;
  }
}

/**
 * A response stream for one invoke. `opened` tells whether any byte went out; `finish(errorResponse?)`
 * ends the HTTP request (with the error in trailers when given) and resolves with the HTTP status.
 */
export function createResponseStream(client, requestId, highWaterMark) {
  let contentType = 'application/octet-stream';
  let connection = null;
  let ended = null;

  const open = () => (connection ??= client.openResponseStream(requestId, contentType));

  const stream = new Writable({
    highWaterMark,
    write(chunk, encoding, callback) {
      open().write(chunk).then(() => callback(), callback);
    },
    final(callback) {
      open();
      callback();
    },
  });

  stream.setContentType = (type) => {
    if (connection) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    contentType = type;
  };

  return {
    stream,
    get opened() {
      return connection !== null;
    },
    finish(errorResponse) {
      ended ??= open().end(errorResponse);
      return ended;
    },
  };
}
