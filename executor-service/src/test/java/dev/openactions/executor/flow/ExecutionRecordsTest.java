package dev.openactions.executor.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRecordsTest {

    @Test
    void keepsShortLogsWhole() {
        assertThat(ExecutionRecords.excerpt(List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void cutsLongLogsToAnExcerptAndSaysSo() {
        List<String> flood = Collections.nCopies(100, "x".repeat(100));
        List<String> kept = ExecutionRecords.excerpt(flood);
        assertThat(String.join("", kept.subList(0, kept.size() - 1))).hasSize(ExecutionRecords.LOG_EXCERPT_CHARS);
        assertThat(kept.get(kept.size() - 1)).startsWith("[truncated: 100 lines");
    }
}
