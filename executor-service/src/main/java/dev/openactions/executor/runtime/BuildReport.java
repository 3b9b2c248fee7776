package dev.openactions.executor.runtime;

import java.util.List;

/** Whether an action's code loads in this engine and exports its trigger's handler. */
public record BuildReport(boolean built, List<Problem> errors) {

    /** One build error: {@code id} is syntax_error, missing_handler or top_level_error; line/column when known. */
    public record Problem(String id, String msg, Integer line, Integer column) {}

    static BuildReport ok() {
        return new BuildReport(true, List.of());
    }

    static BuildReport failed(String id, String msg, Integer line, Integer column) {
        return new BuildReport(false, List.of(new Problem(id, msg, line, column)));
    }
}
