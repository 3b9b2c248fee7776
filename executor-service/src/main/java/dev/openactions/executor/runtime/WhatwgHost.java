package dev.openactions.executor.runtime;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hosts as the WHATWG URL standard parses them (what Node's {@code URL} and {@code fetch} do): a host
 * that ends in a number is an IPv4 address in any of its numeric forms — {@code 0177.0.0.1} (octal),
 * {@code 127.1} (fewer parts), {@code 0x7f000001} (one hex number) are all {@code 127.0.0.1}.
 * {@link OutboundFetch} checks and connects to this canonical form, so the SSRF check sees the address
 * the request really goes to.
 */
public final class WhatwgHost {
    private static final BigInteger B256 = BigInteger.valueOf(256);

    private WhatwgHost() {}

    /** Thrown for a host that WHATWG parsing refuses (e.g. {@code 1.2.3.4.5}, {@code 256.0.0.1}). */
    public static final class InvalidHost extends IllegalArgumentException {
        InvalidHost(String host) {
            super("invalid host '" + host + "'");
        }
    }

    /** The host and port of an authority; port -1 when none is given. */
    public record Authority(String userInfo, String host, int port) {}

    /**
     * The user info, host and port of a URI, also when {@link java.net.URI} only saw a registry-based
     * authority: it refuses host names whose last label starts with a digit ({@code 0x7f000001},
     * {@code 127.1}), which WHATWG parsing reads as IPv4 numbers. Null when there is no authority.
     */
    public static Authority authority(URI uri) {
        if (uri.getHost() != null) {
            return new Authority(uri.getRawUserInfo(), uri.getHost(), uri.getPort());
        }
        String raw = uri.getRawAuthority();
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        int at = raw.lastIndexOf('@');
        String userInfo = at < 0 ? null : raw.substring(0, at);
        String hostPort = at < 0 ? raw : raw.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        int port = -1;
        String host = hostPort;
        if (colon >= 0 && hostPort.indexOf(']', colon) < 0) {
            String digits = hostPort.substring(colon + 1);
            if (!digits.isEmpty()) {
                if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')
                        || digits.length() > 5
                        || Integer.parseInt(digits) > 65535) {
                    throw new InvalidHost(hostPort);
                }
                port = Integer.parseInt(digits);
            }
            host = hostPort.substring(0, colon);
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> c > 0x20 && c < 0x7f && "<>^|%/?#\\".indexOf(c) < 0)) {
            throw new InvalidHost(host);
        }
        return new Authority(userInfo, host, port);
    }

    /** The canonical host: lower-case; an IPv4 address in dotted decimal; IPv6 literals as given (lower-case). */
    public static String canonical(String host) {
        if (host == null || host.isEmpty()) {
            throw new InvalidHost(String.valueOf(host));
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            return lower;
        }
        return endsInANumber(lower) ? ipv4(lower) : lower;
    }

    private static List<String> parts(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    /** WHATWG's "ends in a number": the last label is all digits, or 0x followed by hex digits. */
    static boolean endsInANumber(String host) {
        List<String> parts = parts(host);
        String last = parts.get(parts.size() - 1);
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return last.startsWith("0x") && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static String ipv4(String host) {
        List<String> parts = parts(host);
        if (parts.size() > 4) {
            throw new InvalidHost(host);
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            numbers.add(number(part, host));
        }
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i).compareTo(BigInteger.valueOf(255)) > 0) {
                throw new InvalidHost(host);
            }
        }
        BigInteger last = numbers.get(numbers.size() - 1);
        if (last.compareTo(B256.pow(5 - numbers.size())) >= 0) {
            throw new InvalidHost(host);
        }
        long address = last.longValue();
        for (int i = 0; i < numbers.size() - 1; i++) {
            address += numbers.get(i).longValue() << (8 * (3 - i));
        }
        return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static BigInteger number(String part, String host) {
        if (part.isEmpty()) {
            throw new InvalidHost(host);
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return BigInteger.ZERO;
        }
        final int r = radix;
        if (!digits.chars().allMatch(c -> Character.digit(c, r) >= 0)) {
            throw new InvalidHost(host);
        }
        return new BigInteger(digits, radix);
    }
}
