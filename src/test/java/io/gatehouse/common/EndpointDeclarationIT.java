package io.gatehouse.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.web.PublicEndpoint;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every Gatehouse endpoint declares its action (for the policy engine) or says it is public. */
class EndpointDeclarationIT extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyGatehouseHandlerWhenMappedThenDeclaresActionOrPublic() {
        List<String> undeclared = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getPackageName().startsWith("io.gatehouse"))
                .filter(e -> !e.getValue().hasMethodAnnotation(RequiresAction.class)
                        && !e.getValue().hasMethodAnnotation(PublicEndpoint.class))
                .map(e -> e.getKey().toString()).toList();
        long declared = mappings.getHandlerMethods().values().stream()
                .filter(h -> h.hasMethodAnnotation(RequiresAction.class)).count();

        assertThat(undeclared).isEmpty();
        assertThat(declared).isGreaterThanOrEqualTo(15);
    }
}
