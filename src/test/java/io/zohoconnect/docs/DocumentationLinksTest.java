package io.zohoconnect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every link of the README and the guides resolves inside the repository, anchors included, and no
 * document sends its reader to a file the repository does not have.
 */
class DocumentationLinksTest {

    @TempDir
    Path repository;

    @Test
    void everyLinkOfTheReadmeAndTheGuidesResolvesInsideTheRepository() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(Path.of("README.md"));
        try (Stream<Path> guides = Files.list(Path.of("src/docs"))) {
            guides.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }

        List<String> problems = new DocumentLinks(Path.of("")).problems(documents);

        assertThat(documents).contains(Path.of("src/docs/USER-GUIDE.md"), Path.of("src/docs/OPERATIONS.md"));
        assertThat(problems).as("broken links and outside documents in README.md and src/docs/*.md").isEmpty();
    }

    @Test
    void brokenLinksAnchorsAndOutsideDocumentsAreEachReportedWithTheirLine() throws IOException {
        write("docs/GUIDE.md", """
                # Guide
                ## Big full syncs: mode=bulk
                ## Notes
                ## Notes
                """);
        write("target/report.md", "# Built\n");
        write("README.md", """
                [fine](docs/GUIDE.md) [fine](docs/GUIDE.md#big-full-syncs-modebulk) [fine](docs/GUIDE.md#notes-1)
                [fine](#readme) [fine](https://example.com/nowhere.md) [fine](docs) <https://example.com>
                [missing](docs/MISSING.md)
                [bad anchor](docs/GUIDE.md#big-full-syncs)
                [outside](../elsewhere.md)
                [build output](target/report.md)
                [absolute](/docs/GUIDE.md)
                As DESIGN.md says, and issue20.md.
                `[in code](nowhere.md)`
                ```
                [in a block](nowhere.md)
                ```
                # Readme
                """);

        List<String> problems = new DocumentLinks(repository).problems(List.of(Path.of("README.md")));

        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).startsWith("README.md:3: (docs/MISSING.md) names no file");
        assertThat(problems.get(1)).startsWith("README.md:4: (docs/GUIDE.md#big-full-syncs) names no heading of docs/GUIDE.md");
        assertThat(problems.get(2)).startsWith("README.md:5: (../elsewhere.md) points outside the repository");
        assertThat(problems.get(3)).startsWith("README.md:6: (target/report.md) points at target/");
        assertThat(problems.get(4)).startsWith("README.md:7: (/docs/GUIDE.md) is absolute");
        assertThat(problems.get(5)).startsWith("README.md:8: names DESIGN.md");
        assertThat(problems.get(6)).startsWith("README.md:8: names issue20.md");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Big full syncs: mode=bulk | big-full-syncs-modebulk",
            "Message-driven (RabbitMQ) | message-driven-rabbitmq",
            "The `zoho-crm` component | the-zoho-crm-component",
            "3. Encryption-key rotation (service running) | 3-encryption-key-rotation-service-running",
            "Zoho Connect — operations guide | zoho-connect--operations-guide",
            "zoho-crm:raw and zoho-crm:insert | zoho-crmraw-and-zoho-crminsert",
            "The control API: /_sim | the-control-api-_sim",
            "**P1**, [linked](X.md) | p1-linked",
            "Données été | données-été"})
    void headingsGetGitHubsAnchors(String heading, String anchor) {
        assertThat(DocumentLinks.slug(heading)).isEqualTo(anchor);
    }

    @Test
    void repeatedHeadingsAreNumberedAndHeadingsInCodeBlocksAreNone() {
        assertThat(DocumentLinks.anchors("""
                # Notes
                ```bash
                # not a heading
                ```
                ## Notes
                ### Notes
                <a id="kept"></a>
                """)).containsExactly("notes", "notes-1", "notes-2", "kept");
    }

    private void write(String path, String text) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
