package fr.accueil.server.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.imports.Target;
import fr.accueil.server.imports.internal.TargetMapFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetMapFileTest {
    @TempDir
    Path dir;

    @Test
    void reads_yaml_and_csv_maps() throws Exception {
        Path yaml = Files.writeString(dir.resolve("map.yaml"), """
                support-etat-civil:
                  administration: mairie-exempleville
                  service: etat-civil
                  number: "+33199000200"
                """);
        assertThat(TargetMapFile.read(yaml).find("support-etat-civil"))
                .contains(new Target("mairie-exempleville", "etat-civil", "+33199000200"));
        Path csv = Files.writeString(dir.resolve("map.csv"), """
                name,administration,service,number
                # a comment
                3939,caf,accueil,0140000000
                """);
        assertThat(TargetMapFile.read(csv).find("3939")).contains(new Target("caf", "accueil", "0140000000"));
    }

    @Test
    void bad_maps_are_refused_with_the_file_the_line_and_the_reason() throws Exception {
        Path noHeader = Files.writeString(dir.resolve("a.csv"), "3939,caf,accueil,0140000000\n");
        assertThatThrownBy(() -> TargetMapFile.read(noHeader)).hasMessage(noHeader + ":1: the header must be 'name,administration,service,number'");
        Path short_ = Files.writeString(dir.resolve("b.csv"), "name,administration,service,number\n3939,caf\n");
        assertThatThrownBy(() -> TargetMapFile.read(short_)).hasMessage(short_ + ":2: expected 4 fields (name,administration,service,number), got 2");
        Path twice = Files.writeString(dir.resolve("c.csv"), "name,administration,service,number\nq,a,s,1\nq,a,t,2\n");
        assertThatThrownBy(() -> TargetMapFile.read(twice)).hasMessage(twice + ":3: 'q': mapped twice");
        Path noService = Files.writeString(dir.resolve("d.yaml"), "q:\n  administration: a\n");
        assertThatThrownBy(() -> TargetMapFile.read(noService)).hasMessage(noService + ": 'q': administration and service are required");
        Path notAMap = Files.writeString(dir.resolve("e.yaml"), "- a\n- b\n");
        assertThatThrownBy(() -> TargetMapFile.read(notAMap)).hasMessageContaining("expected a mapping");
        assertThatThrownBy(() -> TargetMapFile.read(dir.resolve("missing.yaml"))).hasMessageEndingWith("no such map file");
    }
}
