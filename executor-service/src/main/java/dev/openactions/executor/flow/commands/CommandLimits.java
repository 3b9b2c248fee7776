package dev.openactions.executor.flow.commands;

import dev.openactions.executor.config.ExecutorConfig;

/**
 * Limits the host enforces on the commands of a flow ({@code executor.limits.*}): custom claims per
 * token (total, as Auth0 and the trigger spec put it: 100 KB), one metadata value, commands per action
 * execution and their total serialized size.
 */
public record CommandLimits(int customClaimsBytes, int metadataValueBytes, int commands, int commandBytes) {

    public static final CommandLimits DEFAULTS = new CommandLimits(102_400, 16_384, 1_000, 1_048_576);

    public static CommandLimits of(ExecutorConfig.Limits limits) {
        return new CommandLimits(
                limits.customClaimsBytes(), limits.metadataValueBytes(), limits.commands(), limits.commandBytes());
    }
}
