package io.gatehouse.audit;

import io.gatehouse.common.web.RequiresAction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The operation and resource types a filter can offer: those every write endpoint declares with
 * {@link RequiresAction} (so a type shows before it first happens), and those in the account's log
 * (which adds what jobs and the system write, such as {@code gatehouse:users:lock}, and what removed
 * endpoints once wrote). The log part reads each distinct value with one index probe (a loose index
 * scan), so it costs the same at a million records.
 */
@Component
class OperationTypes {

    record Types(List<String> operationTypes, List<String> resourceTypes) {
    }

    private static final Set<RequestMethod> WRITES = Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE);

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final JdbcClient jdbc;
    private volatile Types declared;

    /** The mappings are looked up when first needed: a context without a web server (the command line) has none. */
    OperationTypes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
            JdbcClient jdbc) {
        this.mappings = mappings;
        this.jdbc = jdbc;
    }

    Types of(String domainId) {
        Types fixed = declared();
        Set<String> operations = new TreeSet<>(fixed.operationTypes());
        operations.addAll(distinct("operation", domainId));
        Set<String> resources = new TreeSet<>(fixed.resourceTypes());
        resources.addAll(distinct("resource_type", domainId));
        return new Types(List.copyOf(operations), List.copyOf(resources));
    }

    private Types declared() {
        Types d = declared;
        if (d == null) {
            Set<String> operations = new TreeSet<>();
            Set<String> resources = new TreeSet<>();
            mappings.getObject().getHandlerMethods().forEach((info, method) -> {
                RequiresAction action = method.getMethodAnnotation(RequiresAction.class);
                if (action != null && isWrite(info)) {
                    operations.add(action.value());
                    resources.add(action.resource());
                }
            });
            d = new Types(List.copyOf(operations), List.copyOf(resources));
            declared = d;
        }
        return d;
    }

    private static boolean isWrite(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.stream().anyMatch(WRITES::contains);
    }

    /** The column names are constants of this class, never input. */
    private List<String> distinct(String column, String domainId) {
        return jdbc.sql("WITH RECURSIVE v(val) AS ("
                + " SELECT MIN(" + column + ") FROM operation_log WHERE domain_id = :d"
                + " UNION ALL"
                + " SELECT (SELECT MIN(" + column + ") FROM operation_log WHERE domain_id = :d AND " + column + " > v.val)"
                + " FROM v WHERE v.val IS NOT NULL)"
                + " SELECT val FROM v WHERE val IS NOT NULL")
                .param("d", domainId).query(String.class).list();
    }
}
