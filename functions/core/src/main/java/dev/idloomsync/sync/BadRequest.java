package dev.idloomsync.sync;

/** A webhook body that cannot be used, with what is wrong and how to fix it. */
public final class BadRequest extends Exception {
    private final String hint;

    public BadRequest(String error, String hint) {
        super(error, null, false, false);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
