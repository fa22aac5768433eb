package io.gatehouse.credential;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3.0/OS-CREDENTIAL/credentials}: permanent access keys. The user a request concerns is in its
 * body, its query or the key, not in the path, so the endpoints declare {@link Allow#AUTHENTICATED} and
 * {@link AccessKeyService} decides: the owner (within the protect policy) or an administrator.
 */
@RestController
class AccessKeyController {

    private static final String BASE = "/v3.0/OS-CREDENTIAL/credentials";

    private final AccessKeyService service;

    AccessKeyController(AccessKeyService service) {
        this.service = service;
    }

    record CreateBody(CreateIn credential) {
    }

    record CreateIn(String userId, String description) {
    }

    record UpdateBody(UpdateIn credential) {
    }

    record UpdateIn(String status, String description) {
    }

    /** The creation's answer, the one place the secret appears; toString leaves it out. */
    record CreatedOut(CreatedView credential) {
    }

    record CreatedView(String userId, String access, String secret, String status, String createTime,
            String description) {
        @Override
        public String toString() {
            return "CreatedView[userId=" + userId + ", access=" + access + ", status=" + status + "]";
        }
    }

    record Out(View credential) {
    }

    record ListOut(List<View> credentials) {
    }

    /** {@code last_use_time} only on a single key, as Huawei; the creation time until the key is first used. */
    record View(String userId, String access, String status, String createTime, String lastUseTime,
            String description) {
        static View of(AccessKey k, boolean withLastUse) {
            return new View(k.userId(), k.accessKey(), k.status(), WireTime.token(k.createTime()),
                    withLastUse ? WireTime.token(k.lastUseTime() != null ? k.lastUseTime() : k.createTime()) : null,
                    k.description());
        }
    }

    @PostMapping(BASE)
    @RequiresAction(value = "iam:credentials:createCredential", resource = AccessKeyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    ResponseEntity<CreatedOut> create(Caller caller, @RequestBody CreateBody body) {
        if (body.credential() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("credential");
        }
        AccessKeyService.Created created = service.create(caller, body.credential().userId(),
                body.credential().description());
        AccessKey k = created.key();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedOut(new CreatedView(k.userId(),
                k.accessKey(), created.secret(), k.status(), WireTime.token(k.createTime()), k.description())));
    }

    @GetMapping(BASE)
    @RequiresAction(value = "iam:credentials:listCredentials", resource = AccessKeyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    ListOut list(Caller caller, @RequestParam(name = "user_id", required = false) String userId) {
        return new ListOut(service.list(caller, userId).stream().map(k -> View.of(k, false)).toList());
    }

    @GetMapping(BASE + "/{access_key}")
    @RequiresAction(value = "iam:credentials:getCredential", resource = AccessKeyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    Out show(Caller caller, @PathVariable("access_key") String accessKey) {
        return new Out(View.of(service.get(caller, accessKey), true));
    }

    @PutMapping(BASE + "/{access_key}")
    @RequiresAction(value = "iam:credentials:updateCredential", resource = AccessKeyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    Out update(Caller caller, @PathVariable("access_key") String accessKey, @RequestBody UpdateBody body) {
        if (body.credential() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("credential");
        }
        return new Out(View.of(service.update(caller, accessKey, body.credential().status(),
                body.credential().description()), false));
    }

    @DeleteMapping(BASE + "/{access_key}")
    @RequiresAction(value = "iam:credentials:deleteCredential", resource = AccessKeyService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    ResponseEntity<Void> delete(Caller caller, @PathVariable("access_key") String accessKey) {
        service.delete(caller, accessKey);
        return ResponseEntity.noContent().build();
    }
}
