package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's models table is the enum's summaries, so the docs cannot drift from the code. */
class ReadmeMatchesModelsTest {

    @ParameterizedTest
    @EnumSource(Model.class)
    void readmeListsEveryModelWithItsSummary(Model model) throws Exception {
        // surefire runs in the module directory; the README is at the top of the repository
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String row = "| `" + model.name() + "` | " + model.summary() + " |";
        assertTrue(readme.contains(row), "README.md lacks the row: " + row);
    }
}
