package io.zohoconnect.docs;

/**
 * The part of a Markdown file that a program writes, between two comment lines; everything outside them is
 * hand-written and kept as it is. As Camel's component pages do with their option tables.
 */
record GeneratedSection(String name, String source) {

    String startMarker() {
        return "<!-- START " + name + ": generated from " + source + ", do not edit by hand -->";
    }

    String endMarker() {
        return "<!-- END " + name + " -->";
    }

    /** What stands between the markers now. */
    String in(String document) {
        int[] bounds = bounds(document);
        return document.substring(bounds[0], bounds[1]);
    }

    /** The document with {@code content} between the markers. */
    String replacedIn(String document, String content) {
        int[] bounds = bounds(document);
        return document.substring(0, bounds[0]) + content + document.substring(bounds[1]);
    }

    private int[] bounds(String document) {
        int start = document.indexOf(startMarker());
        int end = document.indexOf(endMarker());
        if (start < 0 || end < start || document.indexOf(startMarker(), start + 1) >= 0) {
            throw new IllegalStateException("expected the lines\n" + startMarker() + "\n" + endMarker()
                    + "\nonce each, in this order: the generated " + name + " goes between them");
        }
        return new int[] {start + startMarker().length() + 1, end};
    }
}
