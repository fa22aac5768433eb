package io.gatehouse.common.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the fine-grained action an endpoint performs, such as {@code iam:users:updateUser}, and
 * the resource type it acts on (for the operation log). The request is authenticated and the action
 * decided before the handler runs; writes are recorded in the operation log, refused ones included.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresAction {

    String value();

    String resource();

    Allow allow() default Allow.GRANTED;

    /** Who may perform the action besides what grants allow. */
    enum Allow {
        /** Only a caller whose grants allow the action. */
        GRANTED,
        /** The user named by the {@code user_id} path variable, on itself; others need a grant. */
        SELF_OR_GRANTED,
        /** Only the user named by the {@code user_id} path variable, on itself. */
        SELF,
        /** Any authenticated caller; the handler keeps it within the caller's own account. */
        AUTHENTICATED
    }
}
