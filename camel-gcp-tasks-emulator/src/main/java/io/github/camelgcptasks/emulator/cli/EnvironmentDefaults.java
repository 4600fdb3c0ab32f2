package io.github.camelgcptasks.emulator.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes the default of every flag from an environment variable named after it, for service containers and compose
 * files that cannot pass flags: {@code --openid-issuer} reads {@code CLOUD_TASKS_EMULATOR_OPENID_ISSUER}. A flag on
 * the command line wins over its variable. Repeatable flags take a comma separated list.
 *
 * <p>The name is derived, not listed, so a flag added later has its variable without further code.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    /** Prefix of every variable; the rest is the flag's long name in capitals, dashes as underscores. */
    public static final String PREFIX = "CLOUD_TASKS_EMULATOR_";

    private final Map<String, String> environment;

    /** Reads the process environment; picocli creates it so from the command's annotation. */
    public EnvironmentDefaults() {
        this(System.getenv());
    }

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The variable of an option, {@code --no-rate-limits} giving {@code CLOUD_TASKS_EMULATOR_NO_RATE_LIMITS}. */
    public static String variableOf(OptionSpec option) {
        String name = primaryName(option).replaceFirst("^-+", "");
        return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The first {@code --} name of an option, so an alias added later does not rename its variable. */
    public static String primaryName(OptionSpec option) {
        return Arrays.stream(option.names()).filter(name -> name.startsWith("--")).findFirst()
                .orElse(option.longestName());
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = environment.get(variableOf(option));
        // an empty variable is how compose files leave a setting unset
        return value == null || value.isBlank() ? null : value.trim();
    }
}
