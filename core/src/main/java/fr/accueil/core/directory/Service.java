package fr.accueil.core.directory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service that answers the public: its purpose, hours and IVR menu tree. The call starts at
 * {@code rootMenu} after the {@code welcome} prompt; outside hours the caller hears
 * {@code closedMessage} followed by the next opening time.
 */
public record Service(ServiceId id, AdministrationId administration, String name, String purpose,
                      OpeningHours hours, PromptRef welcome, PromptRef closedMessage,
                      MenuId rootMenu, Map<MenuId, Menu> menus) {
    public Service {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(closedMessage, "closedMessage");
        Objects.requireNonNull(rootMenu, "rootMenu");
        menus = Map.copyOf(menus);
        purpose = purpose == null ? "" : purpose;
    }

    public Optional<Menu> menu(MenuId id) {
        return Optional.ofNullable(menus.get(id));
    }

    public Optional<PromptRef> welcomePrompt() {
        return Optional.ofNullable(welcome);
    }
}
