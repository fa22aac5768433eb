package io.gatehouse.security;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3.0/OS-SECURITYPOLICY/domains/{domain_id}/console-acl-policy} and {@code .../api-acl-policy}.
 * A PUT replaces the lists it names and keeps the others.
 */
@RestController
@RequestMapping("/v3.0/OS-SECURITYPOLICY/domains/{domain_id}")
class AclController {

    private final AclService service;

    AclController(AclService service) {
        this.service = service;
    }

    record IpRange(String ipRange, String description) {
    }

    record AddressNetmask(String addressNetmask, String description) {
    }

    record VpcEndpoint(String vpcEndpointId, String description) {
    }

    record ConsoleAcl(List<IpRange> allowIpRanges, List<AddressNetmask> allowAddressNetmasks,
            List<IpRange> allowIpRangesIpv6, List<AddressNetmask> allowAddressNetmasksIpv6) {

        static ConsoleAcl of(AclPolicy p) {
            return new ConsoleAcl(ranges(p, AclPolicy.Kind.IP_RANGE), netmasks(p, AclPolicy.Kind.ADDRESS_NETMASK),
                    ranges(p, AclPolicy.Kind.IP_RANGE_IPV6), netmasks(p, AclPolicy.Kind.ADDRESS_NETMASK_IPV6));
        }

        Map<AclPolicy.Kind, List<AclPolicy.Entry>> lists() {
            Map<AclPolicy.Kind, List<AclPolicy.Entry>> lists = new EnumMap<>(AclPolicy.Kind.class);
            put(lists, AclPolicy.Kind.IP_RANGE, allowIpRanges, r -> new AclPolicy.Entry(r.ipRange(), r.description()));
            put(lists, AclPolicy.Kind.ADDRESS_NETMASK, allowAddressNetmasks,
                    n -> new AclPolicy.Entry(n.addressNetmask(), n.description()));
            put(lists, AclPolicy.Kind.IP_RANGE_IPV6, allowIpRangesIpv6,
                    r -> new AclPolicy.Entry(r.ipRange(), r.description()));
            put(lists, AclPolicy.Kind.ADDRESS_NETMASK_IPV6, allowAddressNetmasksIpv6,
                    n -> new AclPolicy.Entry(n.addressNetmask(), n.description()));
            return lists;
        }
    }

    record ApiAcl(List<IpRange> allowIpRanges, List<AddressNetmask> allowAddressNetmasks,
            List<VpcEndpoint> allowVpcEndpoints) {

        static ApiAcl of(AclPolicy p) {
            return new ApiAcl(ranges(p, AclPolicy.Kind.IP_RANGE), netmasks(p, AclPolicy.Kind.ADDRESS_NETMASK),
                    p.list(AclPolicy.Kind.VPC_ENDPOINT).stream()
                            .map(e -> new VpcEndpoint(e.value(), e.description())).toList());
        }

        Map<AclPolicy.Kind, List<AclPolicy.Entry>> lists() {
            Map<AclPolicy.Kind, List<AclPolicy.Entry>> lists = new EnumMap<>(AclPolicy.Kind.class);
            put(lists, AclPolicy.Kind.IP_RANGE, allowIpRanges, r -> new AclPolicy.Entry(r.ipRange(), r.description()));
            put(lists, AclPolicy.Kind.ADDRESS_NETMASK, allowAddressNetmasks,
                    n -> new AclPolicy.Entry(n.addressNetmask(), n.description()));
            put(lists, AclPolicy.Kind.VPC_ENDPOINT, allowVpcEndpoints,
                    v -> new AclPolicy.Entry(v.vpcEndpointId(), v.description()));
            return lists;
        }
    }

    record ConsoleBody(ConsoleAcl consoleAclPolicy) {
    }

    record ApiBody(ApiAcl apiAclPolicy) {
    }

    @GetMapping("/console-acl-policy")
    @RequiresAction(value = "iam:securitypolicies:getConsoleAclPolicy", resource = AclService.CONSOLE_RESOURCE)
    ConsoleBody showConsole(Caller caller, @PathVariable("domain_id") String domainId) {
        return new ConsoleBody(ConsoleAcl.of(service.get(caller, domainId, AclPolicy.Type.CONSOLE)));
    }

    @PutMapping("/console-acl-policy")
    @RequiresAction(value = "iam:securitypolicies:updateConsoleAclPolicy", resource = AclService.CONSOLE_RESOURCE)
    ConsoleBody updateConsole(Caller caller, @PathVariable("domain_id") String domainId,
            @RequestBody ConsoleBody body) {
        if (body.consoleAclPolicy() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("console_acl_policy");
        }
        return new ConsoleBody(ConsoleAcl.of(service.update(caller, domainId, AclPolicy.Type.CONSOLE,
                body.consoleAclPolicy().lists())));
    }

    @GetMapping("/api-acl-policy")
    @RequiresAction(value = "iam:securitypolicies:getApiAclPolicy", resource = AclService.API_RESOURCE)
    ApiBody showApi(Caller caller, @PathVariable("domain_id") String domainId) {
        return new ApiBody(ApiAcl.of(service.get(caller, domainId, AclPolicy.Type.API)));
    }

    @PutMapping("/api-acl-policy")
    @RequiresAction(value = "iam:securitypolicies:updateApiAclPolicy", resource = AclService.API_RESOURCE)
    ApiBody updateApi(Caller caller, @PathVariable("domain_id") String domainId, @RequestBody ApiBody body) {
        if (body.apiAclPolicy() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("api_acl_policy");
        }
        return new ApiBody(ApiAcl.of(service.update(caller, domainId, AclPolicy.Type.API,
                body.apiAclPolicy().lists())));
    }

    private static List<IpRange> ranges(AclPolicy p, AclPolicy.Kind kind) {
        return p.list(kind).stream().map(e -> new IpRange(e.value(), e.description())).toList();
    }

    private static List<AddressNetmask> netmasks(AclPolicy p, AclPolicy.Kind kind) {
        return p.list(kind).stream().map(e -> new AddressNetmask(e.value(), e.description())).toList();
    }

    /** A list the request left out stays out (and keeps its entries); a null element stays null. */
    private static <T> void put(Map<AclPolicy.Kind, List<AclPolicy.Entry>> lists, AclPolicy.Kind kind, List<T> given,
            Function<T, AclPolicy.Entry> entry) {
        if (given != null) {
            List<AclPolicy.Entry> entries = new ArrayList<>(given.size());
            for (T element : given) {
                entries.add(element == null ? null : entry.apply(element));
            }
            lists.put(kind, entries);
        }
    }
}
