package fr.accueil.server.publication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The public site driven in one headless Chromium per test class (Debian chromium + chromedriver). */
abstract class BrowserTestBase extends PublicSiteTestBase {
    static HeadlessChromium chromium;

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
