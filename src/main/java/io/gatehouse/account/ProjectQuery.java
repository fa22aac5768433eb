package io.gatehouse.account;

import java.util.Set;

/**
 * Filters of a project listing within one account; null means no filter. {@code ids} narrows the list to
 * the projects a user may access. {@code offset} and {@code limit} page through the result, ordered by
 * name and id.
 */
public record ProjectQuery(String domainId, String name, String parentId, Boolean enabled, Set<String> ids,
        int offset, int limit) {
}
