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
 * The operation log: an account's records for its administrators, a user's own for the user (records
 * it made and records made on it), pages and streaming exports of both, the chain's verification and
 * the types a filter can offer. Everything stays within the caller's account: a {@code user_id} of
 * another account, like an unknown or deleted one, is 404 (the account's records of a deleted user stay
 * in the account's log).
 */
@RestController
class OperationLogController {

    static final String RESOURCE = "operation_log";
    private static final String ACCOUNT = "/gatehouse/v1/operation-logs";
    private static final String USER = "/gatehouse/v1/users/{user_id}/operation-logs";
    private static final String LIST = "gatehouse:audit:listOperationLogs";
    private static final String EXPORT = "gatehouse:audit:exportOperationLogs";

    private final LogReader reader;
    private final LogExport export;
    private final AccountUsers users;
    private final ChainVerifier verifier;
    private final OperationTypes types;
    private final ChainSealer sealer;

    OperationLogController(LogReader reader, LogExport export, ChainVerifier verifier, OperationTypes types,
            AccountUsers users, ChainSealer sealer) {
        this.users = users;
        this.sealer = sealer;
        this.reader = reader;
        this.export = export;
        this.verifier = verifier;
        this.types = types;
    }

    record Out(List<OperationLogEntry> operationLogs, Page.Info pageInfo) {
        static Out of(Page<OperationLogEntry> page) {
            return new Out(page.items(), page.info());
        }
    }

    record VerificationOut(ChainVerifier.Result verification) {
    }

    @GetMapping(ACCOUNT)
    @RequiresAction(value = LIST, resource = RESOURCE)
    Out listAccount(Caller caller, OperationLogQuery query) {
        sealQueued();
        return Out.of(reader.page(new OperationLogSource(null), query.where(caller.domainId()), query.after(),
                query.pageSize()));
    }

    @GetMapping(USER)
    @RequiresAction(value = LIST, resource = RESOURCE, allow = Allow.SELF_OR_GRANTED)
    Out listUser(Caller caller, @PathVariable("user_id") String userId, OperationLogQuery query) {
        users.requireInCallersAccount(caller, userId);
        sealQueued();
        return Out.of(reader.page(source(caller, userId), query.where(caller.domainId(), userId), query.after(),
                query.pageSize()));
    }

    @GetMapping(ACCOUNT + "/export")
    @RequiresAction(value = EXPORT, resource = RESOURCE)
    void exportAccount(Caller caller, OperationLogQuery query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        ExportFormat format = ExportFormat.choose(query.format(), accept);
        sealQueued();
        export.export(new OperationLogSource(null), query.where(caller.domainId()), format, "operation-logs",
                response);
    }

    @GetMapping(USER + "/export")
    @RequiresAction(value = EXPORT, resource = RESOURCE, allow = Allow.SELF_OR_GRANTED)
    void exportUser(Caller caller, @PathVariable("user_id") String userId, OperationLogQuery query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        users.requireInCallersAccount(caller, userId);
        ExportFormat format = ExportFormat.choose(query.format(), accept);
        sealQueued();
        export.export(source(caller, userId), query.where(caller.domainId(), userId), format, "operation-logs",
                response);
    }

    @GetMapping(ACCOUNT + "/verify")
    @RequiresAction(value = "gatehouse:audit:verifyOperationLogs", resource = RESOURCE)
    VerificationOut verify(Caller caller) {
        return new VerificationOut(verifier.verify(caller.domainId()));
    }

    @GetMapping(ACCOUNT + "/types")
    @RequiresAction(value = "gatehouse:audit:listOperationTypes", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    OperationTypes.Types types(Caller caller) {
        sealQueued();
        return types.of(caller.domainId());
    }

    /** A reader sees every write committed before it asked, though the sealer links them moments later. */
    private void sealQueued() {
        sealer.sealIfPending();
    }

    /** Users reading their own records do not see the address and client of others acting on them. */
    private static OperationLogSource source(Caller caller, String userId) {
        return new OperationLogSource(caller.isSelf(userId) ? userId : null);
    }
}
