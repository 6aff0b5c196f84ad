// The line protocol's messages as a host sees them (request, reply, stream event): shared by the host console and the web console's board links.

/** A line-protocol request (firmware/console-protocol.ts); the transport adds the id. */
export interface ConsoleRequest {
  cmd: string;
  [field: string]: unknown;
}

/** A line-protocol reply: ok with a message or data, or an error naming the problem. */
export interface ConsoleReply {
  id?: number | string;
  ok: boolean;
  message?: string;
  error?: string;
  data?: { [field: string]: unknown };
}

/** A line of the `watch` stream: `{"event": "status", ...}` or `{"event": "state", "from", "to", "reason", "fault"}`. */
export interface ConsoleEvent {
  event: string;
  [field: string]: unknown;
}
