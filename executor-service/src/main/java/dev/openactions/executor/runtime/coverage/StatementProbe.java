package dev.openactions.executor.runtime.coverage;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.ExecutionEventNode;
import com.oracle.truffle.api.source.SourceSection;

/**
 * Sits on one statement of an action: tells the thread's {@link Recording} the first time the
 * statement runs for it, and afterwards costs one comparison (a loop of millions of iterations stays
 * within the action's time limit in a coverage run).
 */
final class StatementProbe extends ExecutionEventNode {
    private final SourceSection statement;
    /** The recording this statement was last reported to (each run parses its own copy; see Recording). */
    private Recording reportedTo;

    StatementProbe(SourceSection statement) {
        this.statement = statement;
    }

    @Override
    protected void onEnter(VirtualFrame frame) {
        report();
    }

    @TruffleBoundary
    private void report() {
        Recording current = Recording.current();
        if (current != null && current != reportedTo) {
            reportedTo = current;
            current.executed(statement);
        }
    }
}
