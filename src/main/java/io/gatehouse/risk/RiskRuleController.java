package io.gatehouse.risk;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /gatehouse/v1/risk-rules}: the account's behaviour rules, for its administrators. */
@RestController
class RiskRuleController {

    private static final String PATH = "/gatehouse/v1/risk-rules";

    private final RiskRuleService service;

    RiskRuleController(RiskRuleService service) {
        this.service = service;
    }

    record Body(RuleIn riskRule) {
    }

    record RuleIn(String name, String riskType, String locationGranularity, Integer frequencyThreshold,
            Integer periodDays, Notification notification, String response, Boolean enabled) {

        RiskRuleService.Fields fields() {
            return new RiskRuleService.Fields(name, riskType, locationGranularity, frequencyThreshold, periodDays,
                    notification == null ? null : notification.email(), notification == null ? null : notification.sms(),
                    response, enabled);
        }
    }

    record Notification(Boolean email, Boolean sms) {
    }

    record Out(View riskRule) {
    }

    record ListOut(List<View> riskRules) {
    }

    record View(String id, String domainId, String name, String riskType, String locationGranularity,
            int frequencyThreshold, int periodDays, Notification notification, String response, boolean enabled,
            String createdAt, String updatedAt) {

        static View of(RiskRule r) {
            return new View(r.id(), r.domainId(), r.name(), r.type().wire(),
                    r.granularity().name().toLowerCase(Locale.ROOT), r.frequencyThreshold(), r.periodDays(),
                    new Notification(r.notifyEmail(), r.notifySms()), r.response().wire(), r.enabled(),
                    WireTime.token(r.createdAt()), WireTime.token(r.updatedAt()));
        }
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresAction(value = "gatehouse:risk:createRiskRule", resource = RiskRuleService.RESOURCE)
    Out create(Caller caller, @RequestBody Body body) {
        return new Out(View.of(service.create(caller, in(body).fields())));
    }

    @GetMapping(PATH)
    @RequiresAction(value = "gatehouse:risk:listRiskRules", resource = RiskRuleService.RESOURCE)
    ListOut list(Caller caller) {
        return new ListOut(service.list(caller).stream().map(View::of).toList());
    }

    @GetMapping(PATH + "/{rule_id}")
    @RequiresAction(value = "gatehouse:risk:getRiskRule", resource = RiskRuleService.RESOURCE)
    Out show(Caller caller, @PathVariable("rule_id") String id) {
        return new Out(View.of(service.get(caller, id)));
    }

    @PutMapping(PATH + "/{rule_id}")
    @RequiresAction(value = "gatehouse:risk:updateRiskRule", resource = RiskRuleService.RESOURCE)
    Out update(Caller caller, @PathVariable("rule_id") String id, @RequestBody Body body) {
        return new Out(View.of(service.update(caller, id, in(body).fields())));
    }

    @DeleteMapping(PATH + "/{rule_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresAction(value = "gatehouse:risk:deleteRiskRule", resource = RiskRuleService.RESOURCE)
    void delete(Caller caller, @PathVariable("rule_id") String id) {
        service.delete(caller, id);
    }

    private static RuleIn in(Body body) {
        if (body.riskRule() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("risk_rule");
        }
        return body.riskRule();
    }
}
