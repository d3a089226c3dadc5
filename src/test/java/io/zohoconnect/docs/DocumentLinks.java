package io.zohoconnect.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the links of Markdown documents the way GitHub renders them: every relative link names a file
 * or folder inside the repository (not build output), every {@code #anchor} a heading of the file it
 * points at (GitHub's slugs), and no document names a file that lives outside the repository — the
 * design notes and issue texts the docs were once written against.
 */
final class DocumentLinks {

    /** Folders of the working tree that are not part of the repository. */
    private static final Set<String> NOT_IN_THE_REPOSITORY = Set.of("target", "data", ".git");

    /** Names of documents that exist beside the repository, never in it. */
    private static final Pattern OUTSIDE_DOCUMENT =
            Pattern.compile("(?i)\\b(?:DESIGN|ZOHO-API|STYLE)\\.md\\b|\\bissue[-_]?\\d+\\.md\\b|/work/");

    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML_LINK = Pattern.compile("<a\\s[^>]*href=\"([^\"]*)\"");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*(?:id|name)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    DocumentLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every broken link and every mention of an outside document, as {@code file:line: what}. */
    List<String> problems(List<Path> documents) {
        List<String> problems = new ArrayList<>();
        for (Path document : documents) {
            Path file = root.resolve(document).normalize();
            List<String> lines = read(file);
            boolean inFence = false;
            String fence = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = root.relativize(file) + ":" + (i + 1) + ": ";
                Matcher outside = OUTSIDE_DOCUMENT.matcher(line);
                while (outside.find()) {
                    problems.add(where + "names " + outside.group() + ", which is not in the repository: say what it"
                            + " says, or link a guide");
                }
                Matcher fenceMatch = FENCE.matcher(line);
                if (fenceMatch.find() && (!inFence || fenceMatch.group(1).startsWith(fence))) {
                    fence = inFence ? "" : fenceMatch.group(1);
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                String text = CODE_SPAN.matcher(line).replaceAll("code");
                for (String target : targets(text)) {
                    String problem = check(file, target);
                    if (problem != null) {
                        problems.add(where + "(" + target + ") " + problem);
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> targets(String line) {
        List<String> targets = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, HTML_LINK)) {
            Matcher m = pattern.matcher(line);
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private String check(Path from, String target) {
        if (target.isEmpty()) {
            return "is an empty link";
        }
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        if (target.startsWith("/")) {
            return "is absolute: link relative to this file";
        }
        int hash = target.indexOf('#');
        String path = decoded(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        Path inside = root.relativize(resolved);
        if (inside.getNameCount() > 0 && NOT_IN_THE_REPOSITORY.contains(inside.getName(0).toString())) {
            return "points at " + inside.getName(0) + "/, which is not part of the repository";
        }
        if (!Files.exists(resolved)) {
            return "names no file: " + inside;
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.getFileName().toString().endsWith(".md")) {
            return "has an anchor, but " + inside + " is not a Markdown file";
        }
        Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, f -> anchors(String.join("\n", read(f))));
        return anchors.contains(anchor) ? null : "names no heading of " + inside + "; its anchors: " + anchors;
    }

    /** The anchors GitHub gives a document: one per heading (repeats numbered -1, -2, …) and explicit ones. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        String fence = "";
        for (String line : markdown.split("\n", -1)) {
            Matcher fenceMatch = FENCE.matcher(line);
            if (fenceMatch.find() && (!inFence || fenceMatch.group(1).startsWith(fence))) {
                fence = inFence ? "" : fenceMatch.group(1);
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }
            Matcher explicit = HTML_ANCHOR.matcher(line);
            while (explicit.find()) {
                anchors.add(explicit.group(1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: its text as rendered (no code ticks, emphasis stars or link targets),
     * lower-cased, without punctuation other than hyphens and underscores, each space a hyphen.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]", "").replace(' ', '-');
    }

    /** A link's path as a file name: percent-escapes decoded, a plus kept (it is no space in a path). */
    private static String decoded(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
