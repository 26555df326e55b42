import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemType } from './problem-details.filter';

/** Node's parser codes for what it refuses before any route sees the request. */
const TOO_LARGE = new Set(['HPE_HEADER_OVERFLOW']);

/**
 * Requests Node's HTTP parser refuses (a URL or headers over its 16 KB limit, a malformed
 * request line) are answered by Node itself with an empty body. This answers them as every other
 * refusal is: a problem-details body with a code and a sentence.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = TOO_LARGE.has(error.code ?? '');
    const status = tooLarge ? 431 : 400;
    const code = tooLarge ? 'request_too_large' : 'malformed_request';
    const detail = tooLarge
      ? 'The address or headers of the request are longer than the court accepts.'
      : 'The request is not a well-formed HTTP request.';
    const body = JSON.stringify({
      type: problemType(code),
      title: tooLarge ? 'Request header fields too large' : 'Bad request',
      status,
      detail,
      code,
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
