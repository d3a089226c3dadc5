package io.zohoconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * The routes folder is a setting and optional (issue 10, item 1): a jar started where there is no
 * routes/ folder starts without extension routes instead of failing with NoSuchFileException.
 */
class RoutesDirectoryTest {

    @TempDir
    Path temp;

    private final List<String> infoLines = new CopyOnWriteArrayList<>();

    @Test
    void aMissingRoutesFolderIsSkippedWithOneInfoLine() {
        Path missing = temp.resolve("routes");
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RoutesFolderCheck.PATTERN, "file:" + missing + "/*.yaml");

        postProcess(environment);

        assertThat(environment.getProperty(RoutesFolderCheck.PATTERN)).isEqualTo(RoutesDirectory.NO_ROUTES);
        assertThat(infoLines).singleElement().asString().contains(missing.toString()).contains("zoho.routes-dir");
    }

    @Test
    void anExistingRoutesFolderIsLoadedAsConfigured() throws Exception {
        Path routes = Files.createDirectory(temp.resolve("routes"));
        String pattern = "file:" + routes + "/*.yaml";
        MockEnvironment environment = new MockEnvironment().withProperty(RoutesFolderCheck.PATTERN, pattern);

        postProcess(environment);

        assertThat(environment.getProperty(RoutesFolderCheck.PATTERN)).isEqualTo(pattern);
        assertThat(infoLines).isEmpty();
    }

    @Test
    void onlyTheMissingEntriesOfAPatternAreDropped() throws Exception {
        Path routes = Files.createDirectory(temp.resolve("routes"));
        MockEnvironment environment = new MockEnvironment().withProperty(RoutesFolderCheck.PATTERN,
                "classpath:camel/*.yaml, file:" + temp.resolve("gone") + "/*.yaml, file:" + routes + "/*.yaml");

        postProcess(environment);

        assertThat(environment.getProperty(RoutesFolderCheck.PATTERN))
                .isEqualTo("classpath:camel/*.yaml,file:" + routes + "/*.yaml");
        assertThat(infoLines).hasSize(1);
    }

    @Test
    void theDefaultPatternFollowsZohoRoutesDir() throws Exception {
        Path routes = Files.createDirectory(temp.resolve("my-routes"));
        MockEnvironment environment = new MockEnvironment()
                .withProperty("zoho.routes-dir", routes.toString())
                .withProperty(RoutesFolderCheck.PATTERN, "file:${zoho.routes-dir}/*.yaml");

        postProcess(environment);

        assertThat(environment.getProperty(RoutesFolderCheck.PATTERN)).isEqualTo("file:" + routes + "/*.yaml");
        assertThat(infoLines).isEmpty();
    }

    private void postProcess(MockEnvironment environment) {
        new RoutesDirectory(destination -> recordingLog()).postProcessEnvironment(environment, null);
    }

    /** A commons-logging Log that keeps what is logged at INFO. */
    private Log recordingLog() {
        return (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] {Log.class}, (proxy, method, args) -> {
            if (method.getName().equals("info")) {
                infoLines.add(String.valueOf(args[0]));
            }
            return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
        });
    }
}
