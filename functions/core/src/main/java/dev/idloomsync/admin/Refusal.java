package dev.idloomsync.admin;

import dev.idloomsync.http.ApiResponse;

/**
 * A request the admin API turns down: a 4xx (or a 503 when a retry helps) with what is wrong and
 * what to do. Thrown from anywhere in a route, answered by {@link AdminService}; nothing is saved.
 */
final class Refusal extends RuntimeException {
    private final int status;
    private final String hint;

    Refusal(int status, String error, String hint) {
        super(error, null, false, false);
        this.status = status;
        this.hint = hint;
    }

    static Refusal badRequest(String error, String hint) {
        return new Refusal(400, error, hint);
    }

    static Refusal notFound(String error, String hint) {
        return new Refusal(404, error, hint);
    }

    static Refusal conflict(String error, String hint) {
        return new Refusal(409, error, hint);
    }

    static Refusal invalid(String error, String hint) {
        return new Refusal(422, error, hint);
    }

    int status() {
        return status;
    }

    String error() {
        return getMessage();
    }

    String hint() {
        return hint;
    }

    ApiResponse response() {
        return ApiResponse.error(status, getMessage(), hint);
    }
}
