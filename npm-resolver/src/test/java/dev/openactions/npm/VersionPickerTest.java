package dev.openactions.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** npm's choice of a version for a spec, on metadata documents written here. */
class VersionPickerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode metadata(String latest, List<String> versions) {
        ObjectNode document = JSON.createObjectNode();
        document.putObject("dist-tags").put("latest", latest).put("next", "3.0.0-rc.1");
        ObjectNode all = document.putObject("versions");
        versions.forEach(v -> all.putObject(v).put("version", v));
        return document;
    }

    private static final JsonNode META =
            metadata("2.1.0", List.of("0.2.5", "1.0.0", "1.2.3", "1.9.0", "2.0.0", "2.1.0", "2.2.0", "3.0.0-rc.1"));

    private static String pick(String spec) {
        return VersionPicker.pick("p", META, spec).orElse(null);
    }

    @Test
    void rangesFollowNpm() {
        assertThat(pick("^1.2.0")).isEqualTo("1.9.0");
        assertThat(pick("~1.2.0")).isEqualTo("1.2.3");
        assertThat(pick("1.x")).isEqualTo("1.9.0");
        assertThat(pick("^0.2")).isEqualTo("0.2.5");
        assertThat(pick(">=1.0.0 <1.5.0 || 0.2.x")).isEqualTo("1.2.3");
        assertThat(pick("1.0.0 - 1.5.0")).isEqualTo("1.2.3");
        assertThat(pick("1.2.3")).isEqualTo("1.2.3");
        assertThat(pick("^4.0.0")).isNull();
    }

    @Test
    void latestWinsWhenItSatisfiesTheRangeAndPrereleasesNeedToBeAskedFor() {
        assertThat(pick("^2.0.0")).as("latest (2.1.0) over the higher 2.2.0").isEqualTo("2.1.0");
        assertThat(pick("*")).isEqualTo("2.1.0");
        assertThat(pick("x")).isEqualTo("2.1.0");
        assertThat(pick("")).isEqualTo("2.1.0");
        assertThat(pick(">=2.2.0")).as("no prerelease for a plain range").isEqualTo("2.2.0");
        assertThat(pick("^3.0.0-rc.0")).isEqualTo("3.0.0-rc.1");
    }

    @Test
    void distTagsNameTheirVersion() {
        assertThat(pick("latest")).isEqualTo("2.1.0");
        assertThat(pick("next")).isEqualTo("3.0.0-rc.1");
        assertThatThrownBy(() -> pick("beta"))
                .isInstanceOf(DependencyFailure.class)
                .hasMessageContaining("no dist-tag 'beta'");
    }
}
