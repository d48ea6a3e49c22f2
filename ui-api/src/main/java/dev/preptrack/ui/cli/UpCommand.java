package dev.preptrack.ui.cli;

import dev.preptrack.ui.Preptrack;
import dev.preptrack.ui.config.ConfigResolver;
import dev.preptrack.ui.config.PreptrackConfig;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preptrack up}: starts preptrack and serves until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
            "Start preptrack and serve until Ctrl-C.",
            "With no external services configured, it runs an embedded Kafka broker and schema registry",
            "under PREPTRACK_HOME, and the API on 127.0.0.1. Ctrl-C stops it cleanly.",
            "",
            "Each option can also be set by its environment variable or in $PREPTRACK_HOME/config.properties;",
            "flags win over the environment, which wins over the file."})
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", description = "Data directory (PREPTRACK_HOME; default ~/.preptrack).")
    String home;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (PREPTRACK_PORT; default 7070).")
    String port;

    @Option(names = "--kafka-port", paramLabel = "PORT",
            description = "Embedded broker's port (PREPTRACK_KAFKA_PORT; default: a free one).")
    String kafkaPort;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "External Kafka cluster (PREPTRACK_BOOTSTRAP_SERVERS); nothing is embedded.")
    String bootstrapServers;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "The external cluster's connection settings: security.protocol, sasl.*, ssl.* "
                    + "(PREPTRACK_KAFKA_PROPERTIES).")
    String kafkaProperties;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "External Confluent-API schema registry (PREPTRACK_SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    @Option(names = "--http-host", paramLabel = "ADDRESS",
            description = "Address to listen on, and where other instances on the same cluster reach this one "
                    + "(PREPTRACK_HTTP_HOST; default 127.0.0.1).")
    String httpHost;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        PreptrackConfig config = new ConfigResolver(flags(), System.getenv()).resolve();
        out.println(config.embedded()
                ? "preptrack: starting the embedded Kafka broker and schema registry in " + config.home() + " ..."
                : "preptrack: using Kafka at " + config.kafka().get() + " and the schema registry at "
                        + config.schemaRegistryUrl().get());
        out.flush();
        // While a restore or a catch-up runs, say so now and then, rather than going quiet.
        Preptrack preptrack = Preptrack.start(config, doing -> {
            out.println("preptrack: " + doing + " ...");
            out.flush();
        });
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("preptrack: stopping ...");
            out.flush();
            preptrack.close();
            out.println("preptrack: stopped cleanly");
            out.flush();
            stopped.countDown();
        }, "preptrack-shutdown"));
        printBanner(out, preptrack, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    /** The dashboard's address with the token in the fragment, which the browser keeps and never sends. */
    public static String dashboardUrl(Preptrack preptrack) {
        return "http://" + preptrack.config().httpHost() + ":" + preptrack.port() + "/#token=" + preptrack.token().value();
    }

    private static void printBanner(PrintWriter out, Preptrack preptrack, long millis) {
        String base = "http://" + preptrack.config().httpHost() + ":" + preptrack.port();
        out.printf("preptrack is up (healthy in %.1f s)%n", millis / 1000.0);
        // The token rides in the fragment, which a browser never sends to a server, and only to a
        // terminal a person reads, never into a log.
        boolean aPersonReads = System.console() != null || preptrack.token().createdNow();
        out.printf("  dashboard        %s%n", aPersonReads ? dashboardUrl(preptrack)
                : base + "/   (the page asks for the API token)");
        out.printf("  API              %s/api/v1/...   (health: %s/health)%n", base, base);
        out.printf("  kafka            %s%s%n", preptrack.kafka(),
                preptrack.config().embedded() ? "   (embedded; log in " + preptrack.config().home().resolve("kafka-logs") + ")" : "");
        preptrack.kafkaClientSettings().ifPresent(file ->
                out.printf("                   login for other Kafka clients in %s%n", file));
        out.printf("  schema registry  %s%n", preptrack.registryUrl());
        if (preptrack.token().createdNow()) {
            out.printf("  API token        %s%n", preptrack.token().value());
            out.printf("                   (shown once; kept in %s, readable only by you)%n", preptrack.token().file());
        } else if (preptrack.token().file() != null) {
            out.printf("  API token        in %s%n", preptrack.token().file());
        } else {
            out.printf("  API token        from PREPTRACK_TOKEN%n");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        put(flags, "home", home);
        put(flags, "port", port);
        put(flags, "kafka.port", kafkaPort);
        put(flags, "bootstrap.servers", bootstrapServers);
        put(flags, "kafka.properties", kafkaProperties);
        put(flags, "schema.registry.url", schemaRegistryUrl);
        put(flags, "http.host", httpHost);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
