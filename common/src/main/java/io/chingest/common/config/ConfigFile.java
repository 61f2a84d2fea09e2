package io.chingest.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The key/value pairs of a Java properties config file (UTF-8), with the line each key is on. Immutable. */
final class ConfigFile {
    /** Config files are a few dozen lines; a bigger one is a wrong path (a data file, a log). */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path path;
    private final Map<String, String> values;
    private final List<String> lines;

    private ConfigFile(Path path, Map<String, String> values, List<String> lines) {
        this.path = path;
        this.values = values;
        this.lines = lines;
    }

    /**
     * Reads the file; {@link ConfigurationException} naming the file if it is missing, unreadable or too big.
     *
     * @param origin what named the file, for messages: "--config" or "CH_INGEST_CONFIG"
     */
    static ConfigFile load(Path path, String origin) {
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw new ConfigurationException("config file " + path + " (from " + origin + ") is a directory");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigurationException("config file " + path + " (from " + origin + ") has " + size
                        + " bytes, more than the " + MAX_FILE_BYTES + "-byte limit for a properties file");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("config file " + path + " (from " + origin + ") does not exist", e);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("config file " + path + " (from " + origin + ") is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigurationException("config file " + path + " (from " + origin + ") cannot be read: " + e, e);
        }
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(
                    "config file " + path + " (from " + origin + ") is not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key).strip());
        }
        return new ConfigFile(path, Map.copyOf(values), text.lines().toList());
    }

    Path path() {
        return path;
    }

    Map<String, String> values() {
        return values;
    }

    /** "config file x.properties line 3" for a key, or without the line if it cannot be found (continued lines, escapes). */
    String describe(String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.startsWith(key)
                    && (line.length() == key.length() || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
                return "config file " + path + " line " + (i + 1);
            }
        }
        return "config file " + path;
    }
}
