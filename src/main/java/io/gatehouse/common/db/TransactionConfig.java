package io.gatehouse.common.db;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's one transaction manager, in place of the one Spring Boot would make. */
@Configuration(proxyBeanMethods = false)
class TransactionConfig {

    @Bean
    WritesAtCommitTransactionManager transactionManager(DataSource dataSource, DatabaseProduct database) {
        return new WritesAtCommitTransactionManager(dataSource, database);
    }
}
