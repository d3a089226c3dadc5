package io.zohoconnect.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * P4: start-up to ready, and the resident memory once idle, of the documented production launch — the
 * distribution's {@code bin/zoho-connect} (extracted jar + the class-data-sharing archive made at package time,
 * {@code -XX:TieredStopAtLevel=1}), configured by environment variables alone, H2 file database in a fresh
 * directory — against a bare application with the same starters ({@link BareApp}, on the same extracted
 * libraries) started two ways: with the launcher's flags and a CDS archive of its own, made by its own training
 * run (like for like: what is left is the service's own weight), and on the JVM's defaults (the yardstick the
 * P4 target was first measured against). The service jar started plainly ({@code java -jar}, JVM defaults) runs
 * too. Each round starts every variant once, each a fresh JVM, in the order {@link Rounds#order} gives the
 * round; the time is from process start until {@code /actuator/health/readiness} answers UP, the memory is the
 * process's RSS {@code startup.idle-seconds} later. Ratios are taken per round.
 *
 * <p>Before the rounds, each variant with an archive is started once with {@code -Xshare:on} (the JVM refuses to
 * start if the archive does not fit its class path) and its class loading logged, so the report shows how many
 * classes each really took from its archive.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=StartupBenchmark [-Dstartup.rounds=8] [-Dstartup.idle-seconds=10]}
 */
class StartupBenchmark {

    static final Path WORK = Path.of("target/bench/startup");
    static final Path DIST = WORK.resolve("dist");
    static final String KEY = "b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU=";
    /** bin/zoho-connect's JVM flags besides its archive's name; given to the bare app too (checked against the script). */
    static final List<String> LAUNCHER_FLAGS = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
            "-XX:TieredStopAtLevel=1");

    enum Variant {
        BARE("bare app, JVM defaults"),
        BARE_FLAGS("bare app, the launcher's flags and its own CDS archive"),
        LAUNCHER("bin/zoho-connect"),
        PLAIN("java -jar, JVM defaults");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /** One start: seconds to ready, and the resident set once idle. */
    record Start(double seconds, double rssMb) {
    }

    /** 8: with four variants, each in each place of the order twice (see {@link Rounds#order}). */
    final int rounds = Integer.getInteger("startup.rounds", 8);
    final int idleSeconds = Integer.getInteger("startup.idle-seconds", 10);
    final Path bareJar = DIST.resolve("app/bare-app.jar").toAbsolutePath();
    final Path bareArchive = DIST.resolve("app/bare-app.jsa").toAbsolutePath();

    @Test
    void productionLaunchAgainstABareApp() throws Exception {
        unpackDistributionAndBareApp();
        trainBareApp();
        Map<Variant, String> archiveUse = new EnumMap<>(Variant.class);
        archiveUse.put(Variant.BARE_FLAGS, classesFromArchives(Variant.BARE_FLAGS));
        archiveUse.put(Variant.LAUNCHER, classesFromArchives(Variant.LAUNCHER));

        Map<Variant, List<Start>> starts = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            starts.put(variant, new ArrayList<>());
        }
        List<String> orders = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Variant> order = Rounds.order(List.of(Variant.values()), round);
            orders.add(String.join(" → ", order.stream().map(v -> v.name().toLowerCase()).toList()));
            for (Variant variant : order) {
                starts.get(variant).add(start(variant, round, null));
            }
        }

        Map<Variant, List<Double>> seconds = new EnumMap<>(Variant.class);
        Map<Variant, List<Double>> rss = new EnumMap<>(Variant.class);
        starts.forEach((variant, list) -> {
            seconds.put(variant, list.stream().map(Start::seconds).toList());
            rss.put(variant, list.stream().map(Start::rssMb).toList());
        });
        List<Double> likeForLike = Rounds.ratios(seconds.get(Variant.LAUNCHER), seconds.get(Variant.BARE_FLAGS));
        List<Double> againstDefaults = Rounds.ratios(seconds.get(Variant.LAUNCHER), seconds.get(Variant.BARE));
        List<Double> plainAgainstBare = Rounds.ratios(seconds.get(Variant.PLAIN), seconds.get(Variant.BARE));
        List<Double> flagsAlone = Rounds.ratios(seconds.get(Variant.BARE_FLAGS), seconds.get(Variant.BARE));
        List<Double> rssLikeForLike = Rounds.ratios(rss.get(Variant.LAUNCHER), rss.get(Variant.BARE_FLAGS));
        List<Double> rssAgainstDefaults = Rounds.ratios(rss.get(Variant.LAUNCHER), rss.get(Variant.BARE));
        List<Double> rssPlain = Rounds.ratios(rss.get(Variant.PLAIN), rss.get(Variant.BARE));

        BenchReport.Table perRound = new BenchReport.Table("round", "order", "bare, defaults (s)", "bare, flags (s)",
                "launcher (s)", "java -jar (s)", "launcher / bare with flags", "launcher / bare on defaults",
                "RSS MB: bare, defaults", "bare, flags", "launcher", "java -jar");
        for (int round = 0; round < rounds; round++) {
            perRound.row(round + 1, orders.get(round), s(seconds, Variant.BARE, round), s(seconds, Variant.BARE_FLAGS, round),
                    s(seconds, Variant.LAUNCHER, round), s(seconds, Variant.PLAIN, round),
                    String.format("%.2f×", likeForLike.get(round)), String.format("%.2f×", againstDefaults.get(round)),
                    mb(rss, Variant.BARE, round), mb(rss, Variant.BARE_FLAGS, round), mb(rss, Variant.LAUNCHER, round),
                    mb(rss, Variant.PLAIN, round));
        }
        BenchReport report = new BenchReport("P4", "start-up to ready and idle memory of the production launch")
                .condition(String.format("%d rounds, the four variants in the order Rounds gives each round; each start a"
                        + " fresh JVM; time from process start to /actuator/health/readiness UP; RSS (VmRSS) %d s after"
                        + " ready", rounds, idleSeconds))
                .condition("bin/zoho-connect: extracted jar, the CDS archive of the package-time training run, "
                        + String.join(" ", LAUNCHER_FLAGS) + "; environment variables only; H2 file database")
                .condition("bare app: BareApp (the same starters, no service code) on the same extracted libraries;"
                        + " 'with flags' = the same flags and a CDS archive from its own training run (start, exit once"
                        + " ready), as the launcher's")
                .condition("classes taken from CDS archives in a check start with -Xshare:on: launcher "
                        + archiveUse.get(Variant.LAUNCHER) + "; bare app with flags " + archiveUse.get(Variant.BARE_FLAGS))
                .figure("start: bin/zoho-connect / bare app with the same flags and its own archive (like for like)",
                        Rounds.Spread.of(likeForLike), "%.2f×", "≤ 0.7× (set against the bare app on defaults)")
                .figure("start: bin/zoho-connect / bare app on JVM defaults (the earlier P4 figure)",
                        Rounds.Spread.of(againstDefaults), "%.2f×", "≤ 0.7×")
                .figure("start: java -jar / bare app, both on JVM defaults (like for like, no flags)",
                        Rounds.Spread.of(plainAgainstBare), "%.2f×", null)
                .figure("start: bare app with flags / bare app on defaults (what the flags and archive give)",
                        Rounds.Spread.of(flagsAlone), "%.2f×", null)
                .figure("idle RSS: bin/zoho-connect / bare app with the same flags and its own archive (like for like)",
                        Rounds.Spread.of(rssLikeForLike), "%.2f×", "≤ 1× (idle RSS ≤ the bare app's)")
                .figure("idle RSS: bin/zoho-connect / bare app on JVM defaults", Rounds.Spread.of(rssAgainstDefaults),
                        "%.2f×", "≤ 1×")
                .figure("idle RSS: java -jar / bare app, both on JVM defaults", Rounds.Spread.of(rssPlain), "%.2f×", null);
        for (Variant variant : Variant.values()) {
            report.figure("start: " + variant.label, Rounds.Spread.of(seconds.get(variant)), "%.2f s", null);
        }
        for (Variant variant : Variant.values()) {
            report.figure("idle RSS: " + variant.label, Rounds.Spread.of(rss.get(variant)), "%,.0f MB", null);
        }
        report.table(perRound).write("startup.md");
    }

    private static String s(Map<Variant, List<Double>> seconds, Variant variant, int round) {
        return String.format("%.2f", seconds.get(variant).get(round));
    }

    private static String mb(Map<Variant, List<Double>> rss, Variant variant, int round) {
        return String.format("%,.0f", rss.get(variant).get(round));
    }

    /** One start of a variant, in a fresh JVM, until ready; its RSS once idle; then SIGTERM. */
    private Start start(Variant variant, int round, List<String> extraJvmOptions) throws Exception {
        int port = freePort();
        String name = variant.name().toLowerCase() + "-" + (round < 0 ? "check" : String.valueOf(round));
        Path log = WORK.resolve("startup-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command(variant, port, extraJvmOptions)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (variant == Variant.BARE || variant == Variant.BARE_FLAGS) {
            builder.directory(bareDirectory().toFile());
        } else {
            // the production launch: environment variables only, from the distribution's directory
            builder.directory(DIST.toFile());
            Map<String, String> env = builder.environment();
            env.put("PORT", String.valueOf(port));
            env.put("ZOHO_CLIENT_ID", "1000.STARTUPBENCH");
            env.put("ZOHO_CLIENT_SECRET", "startup-bench-secret");
            env.put("ZOHO_CONNECT_ENCRYPTION_KEY", KEY);
            env.put("ZOHO_ADMIN_API_KEY", "startup-bench-admin-key-0123456789");
            env.put("ZOHO_DATA_DIR", WORK.resolve("data-" + name).toAbsolutePath().toString());
            if (variant == Variant.LAUNCHER && extraJvmOptions != null) {
                env.put("JAVA_OPTS", String.join(" ", extraJvmOptions));
            }
        }
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(variant.label + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/actuator/health/readiness")).timeout(Duration.ofMillis(500)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200 && ready.body().contains("UP")) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (extraJvmOptions != null) {
                return new Start(seconds, Double.NaN);
            }
            // idle: nothing is asked of it; what it holds then is what it costs to keep running
            Thread.sleep(idleSeconds * 1000L);
            return new Start(seconds, residentMb(process));
        } finally {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private List<String> command(Variant variant, int port, List<String> extraJvmOptions) {
        List<String> extra = extraJvmOptions == null ? List.of() : extraJvmOptions;
        List<String> command = new ArrayList<>();
        switch (variant) {
            case LAUNCHER -> command.add(DIST.resolve("bin/zoho-connect").toAbsolutePath().toString());
            case PLAIN -> command.addAll(List.of(java(), "-jar", DIST.resolve("app/zoho-connect.jar").toAbsolutePath().toString()));
            case BARE, BARE_FLAGS -> {
                command.add(java());
                if (variant == Variant.BARE_FLAGS) {
                    command.add("-XX:SharedArchiveFile=" + bareArchive);
                    command.addAll(LAUNCHER_FLAGS);
                }
                command.addAll(extra);
                command.addAll(List.of("-jar", bareJar.toString(), "--server.port=" + port,
                        "--management.endpoint.health.probes.enabled=true"));
            }
            default -> throw new IllegalArgumentException(variant.name());
        }
        return command;
    }

    /**
     * A start with {@code -Xshare:on} (refused by the JVM if the archive does not fit) and class loading logged:
     * the share of loaded classes taken from the JDK's archive and from the application's own.
     */
    private String classesFromArchives(Variant variant) throws Exception {
        Path log = WORK.resolve("class-load-" + variant.name().toLowerCase() + ".log").toAbsolutePath();
        start(variant, -1, List.of("-Xshare:on", "-Xlog:class+load=info:file=" + log));
        List<String> lines;
        try (var stream = Files.lines(log)) {
            lines = stream.filter(line -> line.contains("source:")).toList();
        }
        long own = lines.stream().filter(line -> line.contains("source: shared objects file (top)")).count();
        long shared = lines.stream().filter(line -> line.contains("source: shared objects file")).count();
        if (own == 0) {
            throw new IllegalStateException(variant.label + " loaded no class from its own archive: see " + log);
        }
        return String.format("%.0f %% of %,d classes (%.0f %% from its own archive)", 100.0 * shared / lines.size(),
                lines.size(), 100.0 * own / lines.size());
    }

    /** The bare app's training run: start, exit once ready, archive the classes it loaded (as the package build does). */
    private void trainBareApp() throws Exception {
        Path log = WORK.resolve("bare-training.log");
        Process process = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=" + bareArchive, "-jar", bareJar.toString(),
                "--bare.training-run=true", "--server.port=0", "--management.endpoint.health.probes.enabled=true")
                .directory(bareDirectory().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(bareArchive)) {
            process.destroyForcibly();
            throw new IllegalStateException("the bare app's training run made no archive: see " + log);
        }
    }

    /** The distribution built by package (its CDS archive made there), and the bare app as a jar beside the service's. */
    private void unpackDistributionAndBareApp() throws Exception {
        Path archive;
        try (var files = Files.list(Path.of("target"))) {
            archive = files.filter(p -> p.toString().endsWith("-dist.tar.gz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no distribution in target/: run with -Pbench verify"));
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(DIST);
        run(List.of("tar", "-xzf", archive.toString(), "-C", DIST.toString(), "--strip-components=1"));
        if (!Files.exists(DIST.resolve("app/zoho-connect.jsa"))) {
            throw new IllegalStateException("the distribution has no CDS archive (built with -Dcds.skip?)");
        }
        String launcher = Files.readString(DIST.resolve("bin/zoho-connect"));
        for (String flag : LAUNCHER_FLAGS) {
            if (!launcher.contains(flag)) {
                throw new IllegalStateException("bin/zoho-connect no longer passes " + flag
                        + ": give the bare app the launcher's flags (StartupBenchmark.LAUNCHER_FLAGS)");
            }
        }
        // the bare app starts as the service does: java -jar of a jar whose manifest lists the same lib/*.jar
        String classPath;
        try (JarFile service = new JarFile(DIST.resolve("app/zoho-connect.jar").toFile())) {
            classPath = service.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, BareApp.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        String bareClass = BareApp.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(bareJar), manifest)) {
            jar.putNextEntry(new JarEntry(bareClass));
            jar.write(Files.readAllBytes(Path.of("target/test-classes").resolve(bareClass)));
            jar.closeEntry();
        }
    }

    /** An empty directory: the project's ./config must not configure the bare app. */
    private static Path bareDirectory() throws Exception {
        return Files.createDirectories(WORK.resolve("bare-cwd"));
    }

    /** VmRSS of the started JVM (the launcher execs java, so its process is the JVM). */
    private static double residentMb(Process process) throws Exception {
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        String command = Files.readString(proc.resolve("comm")).trim();
        if (!command.equals("java")) {
            throw new IllegalStateException("process " + process.pid() + " is " + command + ", not the JVM");
        }
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in " + proc.resolve("status"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("failed: " + command);
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
