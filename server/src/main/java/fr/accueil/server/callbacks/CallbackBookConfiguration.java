package fr.accueil.server.callbacks;

import fr.accueil.core.callback.CallbackBook;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The callback book on the application's DataSource, next to the contact journal, after the Flyway migration. */
@Configuration(proxyBeanMethods = false)
public class CallbackBookConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    CallbackBook callbackBook(DataSource dataSource) {
        return new JdbcCallbackBook(dataSource);
    }
}
