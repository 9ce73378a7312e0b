package dev.idloomsync.testkit;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/** Counts the requests an SDK client really sends (each HTTP attempt), by operation name. */
public final class RequestCounter implements ExecutionInterceptor {
    private final List<String> operations = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        synchronized (operations) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    public int count() {
        synchronized (operations) {
            return operations.size();
        }
    }

    /** The operations sent since the last reset, in order. */
    public List<String> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    public void reset() {
        synchronized (operations) {
            operations.clear();
        }
    }
}
