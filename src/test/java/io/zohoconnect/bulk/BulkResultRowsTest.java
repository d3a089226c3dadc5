package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.zohoconnect.sync.CrmRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A downloaded Bulk Read result read back as typed records, one row at a time. */
class BulkResultRowsTest {

    private static final CsvValueTypes TYPES = new CsvValueTypes(Map.of("Amount", "currency", "Owner", "ownerlookup",
            "Description", "textarea"));

    @TempDir
    Path dir;

    @Test
    void rowsBecomeRecordsKeyedByTheHeaderWithIdAsTheApiNamesIt() throws IOException {
        Path zip = zip("Id,Amount,Owner,Description\r\n"
                + "111,10.5,900,\"Line one\r\nline two, with \"\"quotes\"\"\"\r\n"
                + "222,,901,plain\r\n");

        List<CrmRecord> records = readAll(zip, 0);

        assertThat(records).hasSize(2);
        assertThat(records.get(0)).containsExactly(Map.entry("id", "111"), Map.entry("Amount", 10.5),
                Map.entry("Owner", Map.of("id", "900")), Map.entry("Description", "Line one\r\nline two, with \"quotes\""));
        assertThat(records.get(1).get("Amount")).isNull();
        assertThat(records.get(1).id()).isEqualTo("222");
    }

    @Test
    void rowsAlreadyDeliveredAreSkipped() throws IOException {
        StringBuilder csv = new StringBuilder("Id,Description\n");
        for (int i = 1; i <= 1000; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }

        List<CrmRecord> rest = readAll(zip(csv.toString()), 998);

        assertThat(rest).extracting(CrmRecord::id).containsExactly("999", "1000");
    }

    @Test
    void aZipWithoutACsvIsRefusedClearly() throws IOException {
        Path zip = dir.resolve("empty.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("nothing".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        assertThatThrownBy(() -> BulkResultRows.open(zip, TYPES)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds no CSV file");
    }

    private List<CrmRecord> readAll(Path zip, long skip) throws IOException {
        List<CrmRecord> out = new ArrayList<>();
        try (BulkResultRows rows = BulkResultRows.open(zip, TYPES)) {
            assertThat(rows.skip(skip)).isEqualTo(skip);
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    private Path zip(String csv) throws IOException {
        Path zip = dir.resolve("result-" + System.nanoTime() + ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("4150868000001.csv"));
            out.write(csv.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }
}
