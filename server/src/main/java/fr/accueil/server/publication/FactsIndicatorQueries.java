package fr.accueil.server.publication;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.JournalFacts;
import fr.accueil.core.indicators.IndicatorCalculator;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.core.indicators.Slice;
import fr.accueil.server.indicators.IndicatorQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Indicators computed straight from the ended contacts of the journal, by core's reference
 * calculator: every call re-reads the contacts of the query's range. It is correct but scans raw
 * records, so it is only the fallback used when no roll-up backed {@link IndicatorQueries} bean
 * exists (see {@link FallbackIndicatorsConfiguration}). Contacts still in progress are left out:
 * their outcome is not known yet. The journal is read page by page, newest first: a contact that
 * starts during the read may shift a page and be counted twice or missed for that one answer (the
 * roll-up backend does not have this limit). Thread-safe (stateless; the journal is thread-safe).
 */
public final class FactsIndicatorQueries implements IndicatorQueries {
    /** Rows read per journal page: bounds the memory of one page, not of the whole range. */
    static final int PAGE = 1000;
    /** The journal stores SQL timestamps; open-ended queries are clamped to this. */
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final ContactJournal journal;
    private final IndicatorCalculator calculator;

    public FactsIndicatorQueries(ContactJournal journal, RuleSet rules) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.calculator = new IndicatorCalculator(rules);
    }

    @Override
    public RuleSet rules() {
        return calculator.rules();
    }

    @Override
    public Map<Slice, Indicators> compute(Query query) {
        Instant to = query.to().isAfter(LATEST) ? LATEST : query.to();
        List<ContactFacts> facts = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Contact> page = journal.search(query.from(), to, null, offset, PAGE);
            for (Contact contact : page) {
                if (!contact.inProgress()) {
                    facts.add(JournalFacts.of(contact));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return calculator.compute(facts, query);
    }
}
