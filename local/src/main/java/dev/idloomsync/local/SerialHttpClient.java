package dev.idloomsync.local;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Sends one request at a time. moto_server's DynamoDB is not safe under concurrent writes: a
 * TransactWriteItems copies the table while another request changes it and fails with a 500
 * ("dictionary changed size during iteration"). Real DynamoDB has no such limit, so the runner
 * queues its DynamoDB calls to moto rather than let a burst of webhooks fail on the emulator.
 */
final class SerialHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final ReentrantLock lock = new ReentrantLock(true);

    SerialHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // moto has done its work once the status line arrives: the body is read outside the lock.
                lock.lock();
                try {
                    return call.call();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void abort() {
                call.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
