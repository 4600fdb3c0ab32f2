package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Queue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues to create at start, from the builder, the command line and queues files, each checked as CreateQueue
 * checks it. Everything is checked before the emulator binds a port, so a bad queue starts nothing.
 */
public final class InitialQueues {

    private record Entry(Queue config, String origin) {
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();

    /**
     * Adds a queue as requested (its name and settings; a PAUSED state starts it paused).
     *
     * @param origin where it was given (a file, a flag) for messages, or null
     *
     * @throws IllegalArgumentException naming the queue and the setting that CreateQueue would refuse, or a queue
     *                                  given twice with different settings
     */
    public InitialQueues add(Queue requested, String origin) {
        Queue config;
        try {
            config = QueueConfig.forStart(requested);
        } catch (TasksException e) {
            throw new IllegalArgumentException((origin == null ? "Queue" : origin + ", queue") + " \""
                    + requested.getName() + "\": " + e.getMessage());
        }
        Entry earlier = byName.putIfAbsent(config.getName(), new Entry(config, origin));
        if (earlier != null && !earlier.config().equals(config)) {
            throw new IllegalArgumentException("Queue \"" + config.getName() + "\" is configured twice with different "
                    + "settings: in " + originOf(earlier.origin()) + " and in " + originOf(origin));
        }
        return this;
    }

    /** Adds the queues of a JSON document of Queue resources ({@link QueueJson}). */
    public InitialQueues addJson(String json, String origin) {
        for (Queue queue : QueueJson.parse(json, origin)) {
            add(queue, origin);
        }
        return this;
    }

    /** Adds the queues of a file of Queue resources in their REST JSON form. */
    public InitialQueues addFile(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Cannot read queues file " + file + ": there is no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read queues file " + file + ": " + e);
        }
        return addJson(json, "queues file " + file);
    }

    private static String originOf(String origin) {
        return origin == null ? "the builder" : origin;
    }

    /** The checked configurations, in the order given. */
    public List<Queue> configs() {
        List<Queue> configs = new ArrayList<>();
        byName.values().forEach(entry -> configs.add(entry.config()));
        return configs;
    }
}
