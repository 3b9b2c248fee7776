package dev.openactions.executor.flow.commands;

/**
 * A command the host will not turn into an effect. The message goes back into the action as the
 * error its {@code api} call throws. {@code fatal} refusals (limits) also fail the execution, caught
 * or not: the host keeps them, the action cannot talk its way out of them.
 */
public final class CommandRefused extends RuntimeException {
    private final boolean fatal;

    public CommandRefused(String message, boolean fatal) {
        super(message, null, false, false);
        this.fatal = fatal;
    }

    static CommandRefused argument(String message) {
        return new CommandRefused(message, false);
    }

    static CommandRefused limit(String message) {
        return new CommandRefused(message, true);
    }

    public boolean fatal() {
        return fatal;
    }
}
