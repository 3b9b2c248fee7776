package dev.openactions.executor.runtime;

import dev.openactions.executor.flow.commands.CommandCheck;
import dev.openactions.executor.flow.commands.CommandRefused;
import dev.openactions.executor.flow.commands.TriggerCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Value;

/**
 * The one way out of an action's context for one execution: every {@code api} command, console line,
 * and the handler's end arrive here as they happen, as host calls with plain string arguments. The
 * host checks each command ({@link CommandCheck}) before keeping it, caps the console output, and
 * keeps the result itself: there is no array in the context for the action to rewrite afterwards.
 */
final class HostChannel {
    private static final String TRUNCATED = "[console output truncated]";
    /** An error's message and stack are kept up to these lengths (a thrown 10 MB string stays out of the record). */
    static final int MAX_MESSAGE_CHARS = 8192;

    static final int MAX_STACK_CHARS = 16384;
    private static final AtomicLong EPOCHS = new AtomicLong();

    private final CommandCheck check;
    private final int logLimit;
    private final List<ExecutionOutcome.Command> commands = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();
    private int logChars;
    private boolean logsTruncated;
    private String stoppedBy;
    private boolean settled;
    private ExecutionOutcome.Failure failure;
    /** Names this execution to the api object the driver builds for it: an api kept from an earlier execution is inert. */
    private final long epoch = EPOCHS.incrementAndGet();

    HostChannel(CommandCheck check, int logLimit) {
        this.check = check;
        this.logLimit = logLimit;
    }

    long epoch() {
        return epoch;
    }

    /** {@code __host.command(type, argsJson, epoch)}: "" when kept, otherwise the message the api call throws. */
    String command(Value[] args) {
        if (args.length != 3 || !args[0].isString() || !args[1].isString() || !args[2].isNumber()) {
            return refuse(
                    new CommandRefused("the platform's command channel was called with unexpected arguments", true));
        }
        String type = args[0].asString();
        if (!args[2].fitsInLong() || args[2].asLong() != epoch) {
            return type + ": this api object belongs to an earlier execution; use the api passed to the current one";
        }
        if (settled) {
            lateFailure(
                    type
                            + " was called after the handler returned; the command was not applied (a callback that ran late?)");
            return type + " was called after the handler returned";
        }
        if (failure != null && failure.kind() == ExecutionOutcome.Failure.Kind.LIMIT) {
            return failure.message();
        }
        try {
            CommandCheck.Admitted admitted = check.admit(type, args[1].asString());
            commands.add(new ExecutionOutcome.Command(admitted.type(), admitted.args()));
            if (admitted.flow() != TriggerCommands.Flow.CONTINUES) {
                stoppedBy = admitted.type();
            }
            return "";
        } catch (CommandRefused refused) {
            return refuse(refused);
        }
    }

    private String refuse(CommandRefused refused) {
        if (refused.fatal() && (failure == null || failure.kind() != ExecutionOutcome.Failure.Kind.LIMIT)) {
            failure = new ExecutionOutcome.Failure(ExecutionOutcome.Failure.Kind.LIMIT, refused.getMessage(), null);
        }
        return refused.getMessage();
    }

    /** {@code __host.log(line)}: one console line, already formatted; capped per execution. */
    void log(Value[] args) {
        if (args.length < 1) {
            return;
        }
        note(args[0].isString() ? args[0].asString() : String.valueOf(args[0]));
    }

    /** A line in the execution's logs, from the action's console or from the host (late errors); capped per execution. */
    void note(String line) {
        if (logsTruncated) {
            return;
        }
        if (logChars + line.length() > logLimit) {
            logsTruncated = true;
            logs.add(TRUNCATED);
            return;
        }
        logChars += line.length();
        logs.add(line);
    }

    /** {@code __host.settle()}: the handler's promise fulfilled. */
    void settle() {
        settled = true;
    }

    /** {@code __host.fail(message, stack)}: the handler threw or its promise rejected, or a callback threw. */
    void fail(Value[] args) {
        String message = cut(
                args.length > 0 && args[0].isString() ? args[0].asString() : "the action failed", MAX_MESSAGE_CHARS);
        String stack = cut(args.length > 1 && args[1].isString() ? args[1].asString() : null, MAX_STACK_CHARS);
        if (settled) {
            lateFailure("an error was thrown after the handler returned: " + message);
            return;
        }
        settled = true;
        if (failure == null) {
            failure = new ExecutionOutcome.Failure(ExecutionOutcome.Failure.Kind.ERROR, message, stack);
        }
    }

    /**
     * Something went wrong after the handler settled (a late callback, pending work): as in Node, the
     * outcome stays the handler's — an asynchronous trigger's event would otherwise be retried and
     * its effects applied twice — and the error goes into the execution's logs.
     */
    private void lateFailure(String message) {
        note("[error] " + message);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max
                ? text
                : text.substring(0, max) + "… [" + (text.length() - max) + " more characters]";
    }

    boolean settled() {
        return settled;
    }

    boolean failedFatally() {
        return failure != null && failure.kind() == ExecutionOutcome.Failure.Kind.LIMIT;
    }

    /** Records an error that reached the host outside the handler (an unhandled rejection, a throwing callback). */
    void uncaught(String uncutMessage, String uncutStack) {
        String message = cut(uncutMessage, MAX_MESSAGE_CHARS);
        String stack = cut(uncutStack, MAX_STACK_CHARS);
        if (settled) {
            lateFailure("an error was thrown after the handler returned: " + message);
            return;
        }
        if (failure == null) {
            failure = new ExecutionOutcome.Failure(ExecutionOutcome.Failure.Kind.ERROR, message, stack);
        }
        settled = true;
    }

    /** Whether the execution has failed (so far). */
    boolean failed() {
        return failure != null;
    }

    ExecutionOutcome outcome() {
        ExecutionOutcome.Failure result = failure;
        if (result == null && !settled) {
            result = new ExecutionOutcome.Failure(
                    ExecutionOutcome.Failure.Kind.ERROR,
                    "the handler's promise never settled (is something awaiting a callback that never comes?)",
                    null);
        }
        return new ExecutionOutcome(List.copyOf(commands), stoppedBy, List.copyOf(logs), logsTruncated, result);
    }
}
