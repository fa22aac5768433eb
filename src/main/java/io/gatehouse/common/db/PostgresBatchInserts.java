package io.gatehouse.common.db;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets the PostgreSQL driver send a JDBC batch of inserts as multi-row INSERTs, one statement per batch
 * instead of one per row: the operation-log sealer and the sign-in rollup write in batches. The option
 * is the driver's own ({@code reWriteBatchedInserts}); an operator's URL may set it too. Other drivers
 * (H2) are left alone, since they may refuse properties they do not know.
 */
@Component
class PostgresBatchInserts implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getDataSourceProperties().containsKey("reWriteBatchedInserts")) {
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
