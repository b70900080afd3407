package fr.accueil.server.publication;

import fr.accueil.core.indicators.RuleSet;
import java.util.List;

/**
 * The published method, generated from the active {@link RuleSet} so that the page always states
 * the rules the figures were computed with (docs/indicators-rules.md is the engineers' version).
 */
public record Methodology(String version, List<Parameter> parameters, List<Definition> definitions) {

    /** One configurable rule and its value in this version. */
    public record Parameter(String name, String value, String meaning) {
    }

    /** One indicator: what is counted above and below the line. */
    public record Definition(String name, String numerator, String denominator, String note) {
    }

    public static Methodology of(RuleSet rules) {
        String threshold = ResultsPages.seconds(rules.shortAbandonThreshold());
        String target = ResultsPages.seconds(rules.serviceLevelTarget());
        boolean noShortAbandon = rules.shortAbandonThreshold().isZero();
        var scale = rules.satisfaction();
        List<Parameter> parameters = List.of(
                new Parameter("Version des règles", rules.version(), "Identifiant imprimé à côté de chaque chiffre publié."),
                new Parameter("Seuil d’abandon court", threshold, noShortAbandon
                        ? "Aucun abandon en file d’attente n’est exclu des appels présentés."
                        : "Un abandon en file d’attente strictement plus court que " + threshold
                        + " n’est pas compté comme présenté à un agent."),
                new Parameter("Délai cible (niveau de service)", target,
                        "Un appel décroché après une attente inférieure ou égale à " + target + " est décroché dans le délai."),
                new Parameter("Rappels comptés", rules.countCallbacks() ? "oui" : "non", rules.countCallbacks()
                        ? "Un rappel au cours duquel un agent a joint l’usager rend l’appel d’origine traité."
                        : "Les rappels ne rendent pas l’appel d’origine traité."),
                new Parameter("Échelle de satisfaction", "1 à 5",
                        "Satisfait : " + scale.satisfiedFrom() + " ou plus ; insatisfait : " + scale.dissatisfiedUpTo()
                                + " ou moins ; les notes intermédiaires sont neutres."));
        List<Definition> definitions = List.of(
                new Definition("Taux de décroché par un agent (indicateur officiel)",
                        "Appels présentés à un agent et décrochés par un agent"
                                + (rules.countCallbacks() ? ", plus les appels dont le rappel a joint l’usager (comptés une fois, sur l’appel d’origine)" : ""),
                        "Appels reçus pendant les horaires d’ouverture qui sont entrés en file d’attente ou ont demandé un agent, "
                                + "hors appels entièrement traités par le serveur vocal"
                                + (noShortAbandon ? "" : " et hors abandons de moins de " + threshold),
                        "Objectif : " + PickupTarget.PERCENT + "\u00a0%. Les refus pour saturation ne sont pas présentés "
                                + "mais pèsent sur le taux global."),
                new Definition("Taux global (avec le serveur vocal)",
                        "Appels traités par un agent et appels entièrement traités par le serveur vocal",
                        "Appels reçus pendant les horaires d’ouverture",
                        "Le dénominateur comprend les abandons dans le serveur vocal, les refus pour saturation, les transferts et les échecs techniques."),
                new Definition("Abandons dans le serveur vocal",
                        "Appels où l’usager a raccroché dans les menus (y compris sans choix valide après les essais permis)",
                        "Appels reçus pendant les horaires d’ouverture", ""),
                new Definition("Abandons en file d’attente",
                        "Appels présentés où l’usager a raccroché avant qu’un agent ne décroche",
                        "Appels présentés à un agent", ""),
                new Definition("Refus pour saturation",
                        "Appels refusés parce que la plateforme ou la file d’attente était pleine",
                        "Appels reçus pendant les horaires d’ouverture", ""),
                new Definition("Délai moyen de décroché",
                        "Somme des attentes (de l’entrée en file au décroché) des appels présentés et décrochés par un agent",
                        "Nombre de ces appels", "Publié avec le nombre d’appels et la somme des attentes."),
                new Definition("Niveau de service (décroché en " + target + ")",
                        "Appels présentés décrochés par un agent après une attente inférieure ou égale à " + target,
                        "Appels présentés à un agent", ""),
                new Definition("Durée moyenne de traitement",
                        "Somme des durées de conversation des appels décrochés dont la durée est connue",
                        "Nombre de ces appels", ""),
                new Definition("Rappels aboutis",
                        "Rappels au cours desquels un agent a joint l’usager",
                        "Appels présentés ayant demandé un rappel", ""),
                new Definition("Appels hors horaires d’ouverture",
                        "Appels reçus quand le service était fermé (horaires, fermetures exceptionnelles, jours fériés)",
                        "Tous les appels reçus",
                        "Ils sont comptés à part et n’entrent dans aucun autre taux."),
                new Definition("Transferts",
                        "Appels pendant les horaires d’ouverture transmis à un autre numéro (par le serveur vocal ou par un agent)",
                        "Appels reçus pendant les horaires d’ouverture", ""),
                new Definition("Satisfaction",
                        "Réponses à l’enquête de " + scale.satisfiedFrom() + " ou plus",
                        "Réponses à l’enquête (notes de 1 à 5)", ""),
                new Definition("Satisfaction nette",
                        "Réponses satisfaites moins réponses insatisfaites",
                        "Réponses à l’enquête",
                        "Publiée entre −100\u00a0% et +100\u00a0%, avec les deux nombres de réponses."));
        return new Methodology(rules.version(), parameters, definitions);
    }
}
