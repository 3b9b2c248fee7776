package dev.openactions.executor.api;

import dev.openactions.executor.runtime.BuildReport;
import java.util.List;

/** Whether an action's code loads in this engine and exports its trigger's handler, as the registry reads it. */
public record BuildResponse(boolean built, List<BuildError> errors) {

    /** One build error: {@code id} is syntax_error, missing_handler, top_level_error or dependencies_unavailable; line/column when known. */
    public record BuildError(String id, String msg, Integer line, Integer column) {}

    static BuildResponse from(BuildReport report) {
        return new BuildResponse(
                report.built(),
                report.errors().stream()
                        .map(p -> new BuildError(p.id(), p.msg(), p.line(), p.column()))
                        .toList());
    }

    /** The bound npm dependencies could not be loaded, so the code was not tried. */
    static BuildResponse dependenciesUnavailable(String message) {
        return new BuildResponse(false, List.of(new BuildError("dependencies_unavailable", message, null, null)));
    }
}
