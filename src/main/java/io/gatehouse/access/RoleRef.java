package io.gatehouse.access;

/** A role as a token lists it. */
public record RoleRef(String id, String name) {
}
