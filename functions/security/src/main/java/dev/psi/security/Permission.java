package dev.psi.security;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of the permission table: the methods and the path pattern it covers, and the roles that
 * may call it. In a pattern {@code *} is one path segment and {@code /**} any rest, including none.
 */
public final class Permission {

    private final Set<String> methods;
    private final String pattern;
    private final Set<Role> roles;
    private final String what;
    private final Pattern regex;

    Permission(Set<String> methods, String pattern, Set<Role> roles, String what) {
        this.methods = Set.copyOf(methods);
        this.pattern = pattern;
        this.roles = Set.copyOf(roles);
        this.what = what;
        this.regex = compile(pattern);
    }

    public Set<String> methods() {
        return methods;
    }

    public String pattern() {
        return pattern;
    }

    public Set<Role> roles() {
        return roles;
    }

    public String what() {
        return what;
    }

    boolean matches(String method, String path) {
        return methods.contains(method) && regex.matcher(path).matches();
    }

    public boolean allows(List<String> claimedRoles) {
        return roles.stream().anyMatch(role -> claimedRoles.contains(role.claim()));
    }

    private static Pattern compile(String pattern) {
        var regex = new StringBuilder();
        for (String segment : pattern.substring(1).split("/")) {
            regex.append(switch (segment) {
                case "**" -> "(?:/[^/]+)*";
                case "*" -> "/[^/]+";
                default -> "/" + Pattern.quote(segment);
            });
        }
        return Pattern.compile(regex.toString());
    }
}
