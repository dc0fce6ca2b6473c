/**
 * Which PostgreSQL failures mean "the database could not be reached" (worth trying again once it is back) rather than
 * "the statement is wrong" (a constraint, a type, a missing table: trying again gives the same error).
 *
 * Connection failures: Node's socket errors (refused, reset, timed out, host unreachable), node-postgres's own messages
 * when a connection drops or cannot be opened in time, and the SQLSTATEs of class 08 (connection exception) and 57P01-03
 * (the server shutting down, crashed, or still starting).
 *
 * @see https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH",
    "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);
const SERVER_GONE = new Set(["57P01", "57P02", "57P03"]);
const CLIENT_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /connection timeout/i,
    /Client has encountered a connection error/i, /Query read timeout/i, /the database system is (starting up|shutting down)/i];

export function isConnectionError(err: unknown): boolean {
    if (!(err instanceof Error)) return false;
    const code = (err as {code?: unknown}).code;
    if (typeof code === "string") {
        if (SOCKET_CODES.has(code) || SERVER_GONE.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
        if (/^[0-9A-Z]{5}$/.test(code)) return false; // any other SQLSTATE: the server answered, the statement failed
    }
    if (CLIENT_MESSAGES.some((m) => m.test(err.message))) return true;
    // An AggregateError (a host with several addresses) carries the socket errors inside.
    const inner = (err as {errors?: unknown}).errors;
    return Array.isArray(inner) && inner.some(isConnectionError);
}
