package io.chingest.common.security;

import java.util.regex.Pattern;

/** Hides the user info ({@code user:password@}) of URLs in text before it is printed. Stateless, thread-safe. */
public final class Urls {
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Urls() {}

    /** {@code https://u:p@host/x} becomes {@code https://[hidden]@host/x}; text without such a URL is returned as is. */
    public static String withoutUserInfo(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1" + Secret.HIDDEN + "@");
    }

    /** Whether the URL carries user info, which the programs refuse: credentials go in their own options. */
    public static boolean hasUserInfo(String url) {
        return url != null && USER_INFO.matcher(url).find();
    }
}
