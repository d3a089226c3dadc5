package io.zohoconnect.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The download of a Bulk Read job: a zip holding one CSV named after the job, header {@code Id} then the
 * fields' API names, one row per record. Rows are read {@value #CHUNK} at a time and written straight
 * into the zip stream, so 200,000 rows never sit in memory at once.
 */
final class BulkCsvZip {

    static final int CHUNK = 2_000;

    private BulkCsvZip() {
    }

    static void write(BulkReadJob job, BulkReadJob.Result result, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(job.id() + ".csv"));
        Writer csv = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        List<FieldDef> fields = columns(job.fields());
        StringBuilder line = new StringBuilder(256);
        line.append("Id");
        for (FieldDef field : fields) {
            line.append(',');
            cell(line, field.apiName());
        }
        csv.write(line.append("\r\n").toString());
        int[] indexes = result.indexes();
        StringBuilder chunk = new StringBuilder(CHUNK * 64);
        for (int from = 0; from < indexes.length; from += CHUNK) {
            chunk.setLength(0);
            job.records().rows(indexes, from, Math.min(indexes.length, from + CHUNK), fields, (id, values) -> {
                chunk.append(id);
                for (Object value : values) {
                    chunk.append(',');
                    cell(chunk, text(value));
                }
                chunk.append("\r\n");
            });
            csv.write(chunk.toString());
        }
        csv.flush();
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /** The fields after {@code Id} (which every file starts with). */
    static List<FieldDef> columns(List<FieldDef> fields) {
        List<FieldDef> out = new ArrayList<>();
        for (FieldDef field : fields) {
            if (field.kind() != FieldKind.ID) {
                out.add(field);
            }
        }
        return out;
    }

    /** Lookups export their id, lists their values joined by {@code ;}, nothing for null. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> lookup) {
            return lookup.get("id") == null ? "" : String.valueOf(lookup.get("id"));
        }
        if (value instanceof List<?> list) {
            return String.join(";", list.stream().map(BulkCsvZip::text).toList());
        }
        return String.valueOf(value);
    }

    private static void cell(StringBuilder out, String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
