package dev.openactions.registry.console;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the console needs before anyone signs in ({@code GET /console/config.json}): which sign-in
 * to offer and, for OIDC, the public client settings. Nothing here is secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleSettings(
        String signIn, String issuer, String clientId, String audience, String scope, String localTenant) {

    /** {@code local} when the local stack turned its sign-in on, else {@code oidc} when configured, else {@code none}. */
    static ConsoleSettings from(ConsoleConfig config, String defaultAudience) {
        if (config.localSignIn().enabled()) {
            return new ConsoleSettings(
                    "local", null, null, null, null, config.localSignIn().tenant());
        }
        ConsoleConfig.Oidc oidc = config.oidc();
        if (oidc.issuer().isPresent() && oidc.clientId().isPresent()) {
            return new ConsoleSettings(
                    "oidc",
                    oidc.issuer().get(),
                    oidc.clientId().get(),
                    oidc.audience().orElse(defaultAudience),
                    oidc.scope(),
                    null);
        }
        return new ConsoleSettings("none", null, null, null, null, null);
    }
}
