package fr.accueil.server.directory;

import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.server.settings.AccueilSettings;
import fr.accueil.telephony.media.Prompts;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the directory: its source (the configured file, or the built-in demo), the prompt check
 * (the telephony {@link Prompts} bean when one exists, else the prompt files on disk) and the
 * reload triggers.
 */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DirectoryConfiguration.class);
    static final String DEMO_RESOURCE = "demo/directory.yaml";

    @Bean
    DirectoryService directoryService(AccueilSettings settings, ObjectProvider<Prompts> prompts) {
        DirectorySource source = settings.usesDemoDirectory()
                ? new DirectorySource.Classpath(DEMO_RESOURCE)
                : new DirectorySource.File(settings.directoryFile());
        return new DirectoryService(source, new DirectoryYamlLoader(new DirectoryValidator(), promptCheck(settings, prompts)));
    }

    private static Predicate<PromptRef> promptCheck(AccueilSettings settings, ObjectProvider<Prompts> prompts) {
        Prompts library = prompts.getIfAvailable();
        if (library != null) {
            return library::has;
        }
        PromptFiles files = new PromptFiles(settings.promptDirs());
        if (!files.anyDirectoryExists()) {
            log.warn("None of the prompt directories {} exists: prompts named in the directory are NOT checked", settings.promptDirs());
            return prompt -> true;
        }
        return files;
    }

    @Bean
    HangupReload hangupReload(DirectoryService directory) {
        return new HangupReload(directory);
    }
}
