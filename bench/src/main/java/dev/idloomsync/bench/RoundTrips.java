package dev.idloomsync.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the HTTP requests an SDK client sends (each attempt) and the time each spends on the wire,
 * from just before transmission to just after the response arrived: the emulator's share of a call.
 */
final class RoundTrips implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("bench.sentAt");

    private final List<String> operations = new ArrayList<>();
    private long wireNanos;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long took = System.nanoTime() - attributes.getAttribute(SENT);
        synchronized (this) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            wireNanos += took;
        }
    }

    synchronized void reset() {
        operations.clear();
        wireNanos = 0;
    }

    synchronized int count() {
        return operations.size();
    }

    synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    synchronized long wireNanos() {
        return wireNanos;
    }
}
