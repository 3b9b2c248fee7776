package dev.openactions.executor.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** Parses URLs for the sandbox's {@code URL} class (components as JSON; {@code {"error":…}} when invalid). */
final class HostUrl {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** WHATWG "special" schemes, whose hosts are parsed as domains or IPv4 in any numeric form. */
    private static final Set<String> SPECIAL = Set.of("http", "https", "ws", "wss", "ftp");

    private HostUrl() {}

    static String parse(String input, String base) {
        try {
            URI uri = base == null ? new URI(input.trim()) : new URI(base.trim()).resolve(new URI(input.trim()));
            if (uri.getScheme() == null
                    || (isHierarchical(uri)
                            && uri.getRawAuthority() == null
                            && !"file".equalsIgnoreCase(uri.getScheme()))) {
                return "{\"error\":\"invalid\"}";
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            WhatwgHost.Authority authority = uri.isOpaque() ? null : WhatwgHost.authority(uri);
            String host = authority == null ? null : authority.host();
            String userInfo = authority == null ? null : authority.userInfo();
            String user = userInfo == null
                    ? ""
                    : userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo;
            String password =
                    userInfo == null || !userInfo.contains(":") ? "" : userInfo.substring(userInfo.indexOf(':') + 1);
            int port = authority == null ? -1 : authority.port();
            boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            ObjectNode node = JSON.createObjectNode()
                    .put("protocol", scheme + ":")
                    .put("username", user)
                    .put("password", password)
                    .put(
                            "hostname",
                            host == null
                                    ? ""
                                    : SPECIAL.contains(scheme)
                                            ? WhatwgHost.canonical(host)
                                            : host.toLowerCase(Locale.ROOT))
                    .put("port", port < 0 || defaultPort ? "" : Integer.toString(port))
                    .put("pathname", path)
                    .put(
                            "search",
                            uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? "" : "?" + uri.getRawQuery())
                    .put(
                            "hash",
                            uri.getRawFragment() == null || uri.getRawFragment().isEmpty()
                                    ? ""
                                    : "#" + uri.getRawFragment());
            return node.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "{\"error\":\"invalid\"}";
        }
    }

    private static boolean isHierarchical(URI uri) {
        return !uri.isOpaque();
    }
}
