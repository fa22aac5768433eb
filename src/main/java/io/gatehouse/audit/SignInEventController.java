package io.gatehouse.audit;

import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in events: an account's for its administrators (attempts with an unknown user name of the
 * account included), a user's own for the user; pages and streaming exports of both. A {@code user_id}
 * of another account, like an unknown one, is 404.
 */
@RestController
class SignInEventController {

    static final String RESOURCE = "signin_event";
    private static final String ACCOUNT = "/gatehouse/v1/signin-events";
    private static final String USER = "/gatehouse/v1/users/{user_id}/signin-events";
    private static final String LIST = "gatehouse:audit:listSignInEvents";
    private static final String EXPORT = "gatehouse:audit:exportSignInEvents";
    private static final SignInEventSource SOURCE = new SignInEventSource();

    private final LogReader reader;
    private final LogExport export;
    private final AccountUsers users;

    SignInEventController(LogReader reader, LogExport export, AccountUsers users) {
        this.users = users;
        this.reader = reader;
        this.export = export;
    }

    record Out(List<SignInEventEntry> signinEvents, Page.Info pageInfo) {
        static Out of(Page<SignInEventEntry> page) {
            return new Out(page.items(), page.info());
        }
    }

    @GetMapping(ACCOUNT)
    @RequiresAction(value = LIST, resource = RESOURCE)
    Out listAccount(Caller caller, SignInEventQuery query) {
        return Out.of(reader.page(SOURCE, query.where(caller.domainId()), query.after(), query.pageSize()));
    }

    @GetMapping(USER)
    @RequiresAction(value = LIST, resource = RESOURCE, allow = Allow.SELF_OR_GRANTED)
    Out listUser(Caller caller, @PathVariable("user_id") String userId, SignInEventQuery query) {
        users.requireInCallersAccount(caller, userId);
        return Out.of(reader.page(SOURCE, query.where(caller.domainId(), userId), query.after(), query.pageSize()));
    }

    @GetMapping(ACCOUNT + "/export")
    @RequiresAction(value = EXPORT, resource = RESOURCE)
    void exportAccount(Caller caller, SignInEventQuery query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        export.export(SOURCE, query.where(caller.domainId()), ExportFormat.choose(query.format(), accept),
                "signin-events", response);
    }

    @GetMapping(USER + "/export")
    @RequiresAction(value = EXPORT, resource = RESOURCE, allow = Allow.SELF_OR_GRANTED)
    void exportUser(Caller caller, @PathVariable("user_id") String userId, SignInEventQuery query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        users.requireInCallersAccount(caller, userId);
        export.export(SOURCE, query.where(caller.domainId(), userId), ExportFormat.choose(query.format(), accept),
                "signin-events", response);
    }
}
