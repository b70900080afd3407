package fr.accueil.server.contacts;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.server.contacts.internal.JdbcContactJournal;
import fr.accueil.server.settings.AccueilSettings;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The contact journal on the application's DataSource, created after the Flyway migration, and
 * the start-up recovery of contacts a previous process left open. A {@link ClosedContactsListener}
 * bean, when there is one (the indicator roll-ups), is called inside the journal's transactions.
 */
@Configuration(proxyBeanMethods = false)
public class ContactJournalConfiguration {

    /** Closed (queue drained) before the DataSource, which Spring destroys after its dependents. */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    JdbcContactJournal contactJournal(DataSource dataSource, AccueilSettings settings,
                                      ObjectProvider<ClosedContactsListener> listener) {
        return new JdbcContactJournal(dataSource, settings.journal().queueCapacity(), settings.journal().batchSize(),
                settings.journal().linger(), listener.getIfAvailable(() -> ClosedContactsListener.NONE));
    }

    /**
     * Not in command mode ({@code accueil.command}: recompute, import): a command may run beside a
     * live server on the same PostgreSQL, whose open contacts are not interrupted.
     */
    @Bean
    @ConditionalOnProperty(name = "accueil.command", havingValue = "serve", matchIfMissing = true)
    InterruptedContactsRecovery interruptedContactsRecovery(ContactJournal journal, ObjectProvider<CallbackBook> callbacks,
                                                            Clock clock) {
        return new InterruptedContactsRecovery(journal, callbacks.getIfAvailable(), clock);
    }
}
