package io.chingest.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provisioned Grafana dashboards (docker/grafana/dashboards/*.json), parsed: every PromQL expression of every panel
 * (rows' nested panels included) and every data source uid the panels name. Immutable once read.
 */
final class GrafanaDashboards {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** "file: panel title" to the panel's expressions. */
    private final Map<String, List<String>> expressionsByPanel = new LinkedHashMap<>();

    private final List<String> datasourceUids = new ArrayList<>();

    private GrafanaDashboards() {}

    static GrafanaDashboards read(Path directory) throws IOException {
        GrafanaDashboards dashboards = new GrafanaDashboards();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                if (!dashboard.path("panels").isArray()) {
                    throw new IllegalArgumentException(file + " has no panels");
                }
                dashboards.addPanels(file.getFileName().toString(), dashboard.path("panels"));
            }
        }
        if (dashboards.expressionsByPanel.isEmpty()) {
            throw new IllegalArgumentException("no dashboard in " + directory);
        }
        return dashboards;
    }

    private void addPanels(String file, JsonNode panels) {
        for (JsonNode panel : panels) {
            addPanels(file, panel.path("panels"));
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            addDatasource(panel.path("datasource"));
            List<String> expressions = new ArrayList<>();
            for (JsonNode target : panel.path("targets")) {
                addDatasource(target.path("datasource"));
                expressions.add(target.path("expr").asText(""));
            }
            expressionsByPanel.put(file + ": " + panel.path("title").asText("(untitled)"), expressions);
        }
    }

    private void addDatasource(JsonNode datasource) {
        if (datasource.has("uid")) {
            datasourceUids.add(datasource.path("uid").asText());
        }
    }

    Map<String, List<String>> expressionsByPanel() {
        return expressionsByPanel;
    }

    List<String> expressions() {
        return expressionsByPanel.values().stream().flatMap(List::stream).toList();
    }

    List<String> datasourceUids() {
        return datasourceUids;
    }
}
