import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  port: number;
  /** Every message accepted so far, parsed, in arrival order. */
  messages: ParsedMail[];
  /** While true, the server refuses every message with a temporary error (an outage). */
  refuse: boolean;
  /** Milliseconds the server waits before accepting each message (a slow server makes senders overlap). */
  delayMs: number;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (no TLS, no authentication) that keeps what it receives.
 * A message is parsed before the server answers 250, so once the sender's `send` has resolved the
 * message is in `messages`.
 */
export const startSmtp = async (): Promise<TestSmtp> => {
  const state: Omit<TestSmtp, 'port' | 'stop'> = { messages: [], refuse: false, delayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (state.refuse) {
        const error = new Error('Service not available (test outage)') as Error & { responseCode: number };
        error.responseCode = 421;
        return callback(error);
      }
      return callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => new Promise<void>((resolve) => setTimeout(resolve, state.delayMs)).then(() => mail))
        .then((mail) => {
          state.messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
};
