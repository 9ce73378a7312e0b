package dev.idloomsync.idloom;

/** A failed idloom API call; the message names the call and the reason, never the API key. */
public final class IdloomException extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        /** 401 or 403: the key is wrong, or API access is off for the account. */
        UNAUTHORIZED,
        /** 404. */
        NOT_FOUND,
        /** 429, still after the allowed tries. */
        RATE_LIMITED,
        /** 5xx. */
        SERVER_ERROR,
        /** No answer: connection refused, unknown host or timeout. */
        UNREACHABLE,
        /** An answer that cannot be used: not JSON, a redirect or another 4xx. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int status;

    /** {@code status} is the HTTP status, or 0 when there was no answer. */
    public IdloomException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public IdloomException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status idloom answered, or 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** True when the same call may succeed later without changing anything. */
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.UNREACHABLE;
    }
}
