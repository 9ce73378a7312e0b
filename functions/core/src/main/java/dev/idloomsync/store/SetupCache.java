package dev.idloomsync.store;

import dev.idloomsync.app.AppSetup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps each app's setup for a short while, so that a warm webhook Lambda does not read it again.
 * A changed setup (mapping, active switch) takes effect within that time. Unknown apps are not
 * kept, so that a new app works at once.
 */
public final class SetupCache {
    private record Entry(AppSetup setup, Instant until) {
    }

    private final Function<String, Optional<AppSetup>> loader;
    private final Duration keep;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public SetupCache(Function<String, Optional<AppSetup>> loader, Duration keep, Clock clock) {
        this.loader = loader;
        this.keep = keep;
        this.clock = clock;
    }

    public Optional<AppSetup> get(String shortcode) {
        Instant now = clock.instant();
        Entry entry = entries.get(shortcode);
        if (entry != null && now.isBefore(entry.until())) {
            return Optional.of(entry.setup());
        }
        Optional<AppSetup> setup = loader.apply(shortcode);
        if (setup.isPresent() && !keep.isZero()) {
            entries.put(shortcode, new Entry(setup.get(), now.plus(keep)));
        } else {
            entries.remove(shortcode);
        }
        return setup;
    }
}
