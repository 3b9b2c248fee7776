package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The marketplace's rules for listing data and manifests; every refusal is a 400 that names the field. */
@ApplicationScoped
public class ManifestRules {
    /** ALL_CAPS_SNAKE_CASE: a capital letter, then capitals, digits and single underscores between them. */
    static final Pattern FIELD_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

    private static final Pattern HOST = Pattern.compile(
            "(?:\\*\\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final int MAX_SHORT_DESCRIPTION = 140;

    private final MarketplaceConfig config;

    ManifestRules(MarketplaceConfig config) {
        this.config = config;
    }

    void checkListing(Listing listing) {
        if (listing == null
                || listing.name() == null
                || listing.name().isBlank()
                || listing.name().length() > 255) {
            throw new RegistryException.Invalid("listing.name is required (at most 255 characters)");
        }
        if (listing.shortDescription() == null
                || listing.shortDescription().isBlank()
                || listing.shortDescription().length() > MAX_SHORT_DESCRIPTION) {
            throw new RegistryException.Invalid(
                    "listing.short_description is required (at most " + MAX_SHORT_DESCRIPTION + " characters)");
        }
        checkUrl("listing.logo_url", listing.logoUrl());
        checkUrl("listing.documentation_url", listing.documentationUrl());
        checkUrl("listing.support_url", listing.supportUrl());
        for (String category : listing.categories()) {
            if (category == null || !category.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new RegistryException.Invalid("listing.categories: '" + category
                        + "' is not a category slug (lower-case letters, digits, dashes)");
            }
        }
    }

    private static void checkUrl(String field, String url) {
        if (url == null) {
            return;
        }
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new RegistryException.Invalid(field + " must be an https URL");
            }
        } catch (IllegalArgumentException e) {
            throw new RegistryException.Invalid(field + " must be an https URL");
        }
    }

    void checkManifest(Manifest manifest) {
        if (manifest == null) {
            throw new RegistryException.Invalid("manifest is required");
        }
        if (manifest.secrets().size() + manifest.configuration().size() > config.maxManifestFields()) {
            throw new RegistryException.LimitExceeded("at most " + config.maxManifestFields() + " manifest fields");
        }
        Set<String> names = new HashSet<>();
        checkFields("secrets", manifest.secrets(), names, false);
        checkFields("configuration", manifest.configuration(), names, true);
        for (String host : manifest.capabilities().outboundHosts()) {
            if (host == null || !HOST.matcher(host).matches()) {
                throw new RegistryException.Invalid("manifest.capabilities.outbound_hosts: '" + host
                        + "' is not a lower-case host name (a leading '*.' allows subdomains)");
            }
        }
    }

    private static void checkFields(
            String kind, List<Manifest.Field> fields, Set<String> names, boolean configuration) {
        for (Manifest.Field field : fields) {
            String where = "manifest." + kind;
            if (field == null
                    || field.name() == null
                    || !FIELD_NAME.matcher(field.name()).matches()) {
                throw new RegistryException.Invalid(where + ": field name '" + (field == null ? null : field.name())
                        + "' must be ALL_CAPS_SNAKE_CASE (for example API_KEY)");
            }
            if (!names.add(field.name())) {
                throw new RegistryException.Invalid(where + ": field '" + field.name() + "' is declared twice");
            }
            if (field.label() == null || field.label().isBlank()) {
                throw new RegistryException.Invalid(where + "." + field.name() + ": label is required");
            }
            if (!configuration && field.defaultValue() != null) {
                throw new RegistryException.Invalid(where + "." + field.name() + ": secrets have no default_value");
            }
            if (field.options() != null) {
                if (field.options().isEmpty()) {
                    throw new RegistryException.Invalid(
                            where + "." + field.name() + ": options, when given, must not be empty");
                }
                if (field.defaultValue() != null && !field.options().contains(field.defaultValue())) {
                    throw new RegistryException.Invalid(
                            where + "." + field.name() + ": default_value must be one of its options");
                }
            }
            if (configuration
                    && Manifest.DEBUG.equals(field.name())
                    && field.options() != null
                    && !field.options().stream()
                            .map(o -> o.toLowerCase(Locale.ROOT))
                            .toList()
                            .containsAll(List.of("true", "false"))) {
                throw new RegistryException.Invalid(
                        where + ".DEBUG: the debug switch's options must be \"true\" and \"false\"");
            }
        }
    }

    void checkTestCases(List<TestCase> cases) {
        if (cases.size() > config.maxTestCases()) {
            throw new RegistryException.LimitExceeded("at most " + config.maxTestCases() + " test cases per version");
        }
        Set<String> names = new HashSet<>();
        for (TestCase testCase : cases) {
            if (testCase.name() == null || testCase.name().isBlank() || !names.add(testCase.name())) {
                throw new RegistryException.Invalid("test_cases: every test case needs a unique name");
            }
            if (testCase.event() == null || !testCase.event().isObject()) {
                throw new RegistryException.Invalid("test_cases." + testCase.name() + ": event must be an object");
            }
        }
    }
}
