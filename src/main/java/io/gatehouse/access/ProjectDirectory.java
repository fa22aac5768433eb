package io.gatehouse.access;

/** What access needs to know of projects, which the account feature owns. The account feature implements it. */
public interface ProjectDirectory {

    /** True when the project exists and belongs to the account. */
    boolean existsInAccount(String domainId, String projectId);
}
