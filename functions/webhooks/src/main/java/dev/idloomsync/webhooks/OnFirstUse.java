package dev.idloomsync.webhooks;

import java.util.function.Supplier;

/**
 * A part built the first time it is asked for, then kept: for the SES and KMS clients, which only
 * rare webhooks need, so that a cold start does not pay for them.
 */
final class OnFirstUse<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    OnFirstUse(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = make.get();
                    value = made;
                }
            }
        }
        return made;
    }
}
