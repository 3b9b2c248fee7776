package dev.openactions.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code deploy/local/token.sh}: prints an access token that the local stack accepts, signed with its
 * key pair under {@code .local/keys} (created if absent, so tokens can be minted before the first
 * start). Usage: {@code token.sh --tenant default --scopes "read:actions create:actions" [--ttl 1h]
 * [--subject me]}; {@code --partner acme} instead of a tenant mints a partner organisation's token (the
 * marketplace's partner API); with neither the token is a service identity (e.g. an operator with
 * {@code admin:keys}).
 */
public final class MintToken {
    private MintToken() {}

    public static void main(String[] args) {
        String tenant = null;
        String partner = null;
        String scopes = "";
        String subject = null;
        Duration ttl = Duration.ofHours(1);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--tenant" -> tenant = required(args[i], value);
                case "--partner" -> partner = required(args[i], value);
                case "--scopes" -> scopes = required(args[i], value);
                case "--subject" -> subject = required(args[i], value);
                case "--ttl" ->
                    ttl = Duration.parse("PT" + required(args[i], value).toUpperCase(Locale.ROOT));
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        List<String> scopeList = Arrays.stream(scopes.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
        if (scopeList.isEmpty()) {
            usage("--scopes is required");
        }
        Path root = ProjectLayout.locate().root();
        SigningKeys keys = SigningKeys.inDirectory(root.resolve(".local/keys"));
        if (partner != null && tenant != null) {
            usage("a token names a tenant or a partner, not both");
        }
        TokenMint mint = TokenMint.local(keys);
        if (partner != null) {
            System.out.println(mint.mintPartner(subject != null ? subject : partner + "-cli", partner, scopeList, ttl));
            return;
        }
        String who = subject != null ? subject : tenant != null ? tenant + "-cli" : "operator";
        System.out.println(mint.mint(who, tenant, scopeList, ttl));
    }

    private static String required(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: deploy/local/token.sh [--tenant ID | --partner ID] --scopes \"scope1 scope2\" [--ttl 1h] [--subject NAME]");
        System.exit(2);
    }
}
