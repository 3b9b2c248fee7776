package dev.openactions.registry.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which sign-in the console offers, from configuration. */
class ConsoleSettingsTest {

    private static ConsoleConfig config(boolean local, String issuer, String clientId, String audience) {
        return new ConsoleConfig() {
            @Override
            public Oidc oidc() {
                return new Oidc() {
                    public Optional<String> issuer() {
                        return Optional.ofNullable(issuer);
                    }

                    public Optional<String> clientId() {
                        return Optional.ofNullable(clientId);
                    }

                    public Optional<String> audience() {
                        return Optional.ofNullable(audience);
                    }

                    public String scope() {
                        return "openid read:actions";
                    }
                };
            }

            @Override
            public LocalSignIn localSignIn() {
                return new LocalSignIn() {
                    public boolean enabled() {
                        return local;
                    }

                    public String tenant() {
                        return "default";
                    }

                    public String scopes() {
                        return "read:actions";
                    }

                    public Duration ttl() {
                        return Duration.ofHours(1);
                    }
                };
            }
        };
    }

    @Test
    void oidcNeedsIssuerAndClientIdAndDefaultsTheAudienceToTheApis() {
        ConsoleSettings s = ConsoleSettings.from(
                config(false, "https://idp.example.com/", "console", null), "https://api.openactions.dev/");
        assertThat(s.signIn()).isEqualTo("oidc");
        assertThat(s.issuer()).isEqualTo("https://idp.example.com/");
        assertThat(s.clientId()).isEqualTo("console");
        assertThat(s.audience()).isEqualTo("https://api.openactions.dev/");
        assertThat(s.scope()).isEqualTo("openid read:actions");
        assertThat(ConsoleSettings.from(config(false, "https://idp.example.com/", "console", "aud"), "x")
                        .audience())
                .isEqualTo("aud");
        assertThat(ConsoleSettings.from(config(false, "https://idp.example.com/", null, null), "x")
                        .signIn())
                .isEqualTo("none");
        assertThat(ConsoleSettings.from(config(false, null, "console", null), "x")
                        .signIn())
                .isEqualTo("none");
    }

    @Test
    void theLocalSignInShowsNoIdpSettings() {
        ConsoleSettings s = ConsoleSettings.from(config(true, "https://idp.example.com/", "console", null), "x");
        assertThat(s.signIn()).isEqualTo("local");
        assertThat(s.localTenant()).isEqualTo("default");
        assertThat(s.issuer()).isNull();
    }
}
