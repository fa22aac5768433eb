package io.gatehouse.mfa;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import java.util.Base64;
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
 * {@code /v3.0/OS-MFA}: virtual MFA devices. Where the user is named in the body or the query rather
 * than the path, the service decides who may act on it.
 */
@RestController
class VirtualMfaController {

    private final VirtualMfaService service;

    VirtualMfaController(VirtualMfaService service) {
        this.service = service;
    }

    record CreateBody(CreateIn virtualMfaDevice) {
    }

    record CreateIn(String name, String userId) {
    }

    /** Huawei's two fields, plus the otpauth URI and its QR code (PNG, base64) for authenticator apps. */
    record CreatedOut(CreatedView virtualMfaDevice) {
    }

    record CreatedView(String serialNumber, String base32StringSeed, String otpauthUri, String qrCodePng) {
        @Override
        public String toString() {
            return "CreatedView[serialNumber=" + serialNumber + "]";
        }
    }

    /** Bind: not wrapped in a key, as on Huawei. */
    record BindIn(String userId, String serialNumber, String authenticationCodeFirst,
            String authenticationCodeSecond) {
        @Override
        public String toString() {
            return "BindIn[userId=" + userId + ", serialNumber=" + serialNumber + "]";
        }
    }

    record UnbindIn(String userId, String authenticationCode, String serialNumber) {
        @Override
        public String toString() {
            return "UnbindIn[userId=" + userId + ", serialNumber=" + serialNumber + "]";
        }
    }

    record DeviceView(String serialNumber, String userId) {
        static DeviceView of(VirtualMfaDevice d) {
            return new DeviceView(d.serialNumber(), d.userId());
        }
    }

    record DeviceOut(DeviceView virtualMfaDevice) {
    }

    record ListOut(List<DeviceView> virtualMfaDevices) {
    }

    @PostMapping("/v3.0/OS-MFA/virtual-mfa-devices")
    @RequiresAction(value = VirtualMfaService.CREATE, resource = VirtualMfaService.RESOURCE, allow = Allow.AUTHENTICATED)
    ResponseEntity<CreatedOut> create(Caller caller, @RequestBody CreateBody body) {
        if (body.virtualMfaDevice() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("virtual_mfa_device");
        }
        VirtualMfaService.Created created = service.create(caller, body.virtualMfaDevice().userId(),
                body.virtualMfaDevice().name());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedOut(new CreatedView(created.serialNumber(),
                created.base32Seed(), created.otpauthUri(), Base64.getEncoder().encodeToString(created.qrCodePng()))));
    }

    @PutMapping("/v3.0/OS-MFA/mfa-devices/bind")
    @RequiresAction(value = VirtualMfaService.BIND, resource = VirtualMfaService.RESOURCE, allow = Allow.AUTHENTICATED)
    ResponseEntity<Void> bind(Caller caller, @RequestBody BindIn body) {
        service.bind(caller, body.userId(), body.serialNumber(), body.authenticationCodeFirst(),
                body.authenticationCodeSecond());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/v3.0/OS-MFA/mfa-devices/unbind")
    @RequiresAction(value = VirtualMfaService.UNBIND, resource = VirtualMfaService.RESOURCE, allow = Allow.AUTHENTICATED)
    ResponseEntity<Void> unbind(Caller caller, @RequestBody UnbindIn body) {
        service.unbind(caller, body.userId(), body.serialNumber(), body.authenticationCode());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v3.0/OS-MFA/virtual-mfa-devices")
    @RequiresAction(value = VirtualMfaService.DELETE, resource = VirtualMfaService.RESOURCE, allow = Allow.AUTHENTICATED)
    ResponseEntity<Void> delete(Caller caller, @RequestParam("user_id") String userId,
            @RequestParam("serial_number") String serialNumber) {
        service.delete(caller, userId, serialNumber);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3.0/OS-MFA/virtual-mfa-devices")
    @RequiresAction(value = VirtualMfaService.LIST, resource = VirtualMfaService.RESOURCE)
    ListOut list(Caller caller) {
        return new ListOut(service.list(caller).stream().map(DeviceView::of).toList());
    }

    @GetMapping("/v3.0/OS-MFA/users/{user_id}/virtual-mfa-device")
    @RequiresAction(value = VirtualMfaService.SHOW, resource = VirtualMfaService.RESOURCE, allow = Allow.SELF_OR_GRANTED)
    DeviceOut show(Caller caller, @PathVariable("user_id") String userId) {
        return new DeviceOut(DeviceView.of(service.show(caller, userId)));
    }
}
