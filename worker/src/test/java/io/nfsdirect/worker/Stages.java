package io.nfsdirect.worker;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.nfsdirect.protocol.NfsException;

/** Waiting on client stages in tests, with a bound so a hang fails instead of blocking the build. */
final class Stages {

    private Stages() {
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return fail("unexpected failure: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            return fail("stage did not complete: " + e);
        }
    }

    /** The NfsException a stage fails with. */
    static NfsException failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return assertInstanceOf(NfsException.class, RpcFailures.unwrap(e.getCause()), e.toString());
        } catch (InterruptedException | TimeoutException e) {
            return fail("stage did not complete: " + e);
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
