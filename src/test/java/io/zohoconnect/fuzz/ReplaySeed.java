package io.zohoconnect.fuzz;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Puts the run's {@link Fuzz#SEED} and the command that replays it at the head of every failure of a fuzz test,
 * whatever threw it (an assertion, or the code under test): the report of a failed run says how to rerun it.
 */
public final class ReplaySeed implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof TestAbortedException) {
            throw failure;
        }
        String test = context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName();
        AssertionError replayable = new AssertionError("fuzz seed " + Fuzz.SEED + " (replay: ./mvnw -B test -Dtest='"
                + test + "' -Dfuzz.seed=" + Fuzz.SEED + ") in [" + context.getDisplayName() + "]: " + failure, failure);
        replayable.setStackTrace(failure.getStackTrace());
        throw replayable;
    }
}
