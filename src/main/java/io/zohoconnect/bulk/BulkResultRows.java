package io.zohoconnect.bulk;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.zohoconnect.sync.CrmRecord;

/**
 * The rows of a downloaded Bulk Read result — a zip holding one CSV, header {@code Id} then the fields'
 * API names — as {@link CrmRecord}s with typed values, read one at a time from the file: the zip is
 * inflated and the CSV parsed as a stream (Jackson's CSV parser: quotes, doubled quotes, line breaks in
 * cells), so a 200,000-row page never sits in memory.
 */
final class BulkResultRows implements Iterator<CrmRecord>, AutoCloseable {

    /** One mapper for every file: thread-safe once configured. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final ZipInputStream zip;
    private final MappingIterator<String[]> rows;
    private final String[] header;
    /** Per column: how its cells become values (the id column: as is). */
    private final CsvValueTypes.Column[] columns;

    private BulkResultRows(ZipInputStream zip, MappingIterator<String[]> rows, String[] header, CsvValueTypes types) {
        this.zip = zip;
        this.rows = rows;
        this.header = header;
        this.columns = new CsvValueTypes.Column[header.length];
        for (int i = 0; i < header.length; i++) {
            columns[i] = header[i].equals("id") ? cell -> cell : types.column(header[i]);
        }
    }

    static BulkResultRows open(Path file, CsvValueTypes types) throws IOException {
        ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024),
                StandardCharsets.UTF_8);
        try {
            ZipEntry entry;
            do {
                entry = zip.getNextEntry();
            } while (entry != null && (entry.isDirectory() || !entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")));
            if (entry == null) {
                throw new IOException("the Bulk Read result holds no CSV file");
            }
            Reader reader = new InputStreamReader(new NonClosing(zip), StandardCharsets.UTF_8);
            MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(reader);
            if (!rows.hasNextValue()) {
                throw new IOException("the Bulk Read result's CSV has no header line");
            }
            String[] header = rows.nextValue();
            for (int i = 0; i < header.length; i++) {
                // the file names the record id "Id"; the API's JSON (and every other mode) says "id"
                header[i] = header[i].equals("Id") || header[i].equals("ID") ? "id" : header[i];
            }
            return new BulkResultRows(zip, rows, header, types);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return rows.hasNextValue();
        } catch (IOException e) {
            throw new IllegalStateException("the Bulk Read result could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public CrmRecord next() {
        String[] cells;
        try {
            if (!rows.hasNextValue()) {
                throw new NoSuchElementException();
            }
            cells = rows.nextValue();
        } catch (IOException e) {
            throw new IllegalStateException("the Bulk Read result could not be read: " + e.getMessage(), e);
        }
        CrmRecord record = new CrmRecord();
        for (int i = 0; i < header.length; i++) {
            String cell = i < cells.length ? cells[i] : null;
            record.put(header[i], columns[i].value(cell));
        }
        return record;
    }

    /** Skips {@code rows} rows (those a stopped run already delivered); returns how many there were. */
    long skip(long rows) {
        long skipped = 0;
        try {
            while (skipped < rows && this.rows.hasNextValue()) {
                this.rows.nextValue();
                skipped++;
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Bulk Read result could not be read: " + e.getMessage(), e);
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            zip.close();
        }
    }

    /** The CSV parser closes its reader at the end of the entry; the zip is ours to close. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
