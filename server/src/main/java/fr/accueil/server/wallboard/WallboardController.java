package fr.accueil.server.wallboard;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The supervisor wallboard (authenticated, see {@link SupervisionSecurity}) and its live stream. */
@Controller
public class WallboardController {
    private final WallboardSnapshots snapshots;
    private final WallboardFeed feed;

    public WallboardController(WallboardSnapshots snapshots, WallboardFeed feed) {
        this.snapshots = snapshots;
        this.feed = feed;
    }

    @GetMapping("/supervision")
    public String wallboard(Model model) {
        model.addAttribute("s", snapshots.now());
        return "supervision/tableau";
    }

    @GetMapping(path = "/supervision/flux", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    public SseEmitter stream() {
        return feed.subscribe();
    }
}
