package dev.openactions.executor.domain;

/** The executor's request errors; each maps to one HTTP status in the API's ProblemMapper. */
public abstract sealed class ExecutorException extends RuntimeException {
    protected ExecutorException(String message) {
        super(message);
    }

    public static final class NotFound extends ExecutorException {
        public NotFound(String message) {
            super(message);
        }
    }

    public static final class Invalid extends ExecutorException {
        public Invalid(String message) {
            super(message);
        }
    }
}
