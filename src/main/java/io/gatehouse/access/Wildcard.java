package io.gatehouse.access;

/**
 * Matches a pattern in which {@code *} stands for any run of characters and {@code ?} for one, as action
 * names ({@code iam:*:get*}) and the StringLike condition operator use them. Greedy with one backtrack
 * point, so a pattern never costs more than the product of the two lengths.
 */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
