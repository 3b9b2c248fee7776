package dev.openactions.registry.marketplace;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the marketplace, under {@code registry.marketplace.*}. */
@ConfigMapping(prefix = "registry.marketplace")
public interface MarketplaceConfig {
    /** The access-token claim that names the calling partner organisation. */
    @WithDefault("https://openactions.dev/partner")
    String partnerClaim();

    /** Success-path test cases a version may carry (each one is a test run in the executor at submission). */
    @WithDefault("20")
    int maxTestCases();

    /** Secret plus configuration fields a manifest may declare. */
    @WithDefault("30")
    int maxManifestFields();

    /** The partner guideline's checks run at submission. */
    Checks checks();

    interface Checks {
        /** Console lines all test cases together may write with debug off and still pass the logging check ("little or nothing"). */
        @WithDefault("0")
        int quietLogLines();

        /** The share of the executor's time limit a test case may use and still pass the time check ("well within"). */
        @WithDefault("0.5")
        double timeShare();
    }
}
