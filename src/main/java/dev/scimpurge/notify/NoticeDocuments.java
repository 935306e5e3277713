package dev.scimpurge.notify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies of the HTTP channels: the webhook's document and the Slack message. */
final class NoticeDocuments {

    private final JsonMapper mapper;

    NoticeDocuments(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String webhook(RunNotice notice) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", notice.trigger().name().toLowerCase(Locale.ROOT));
        json.put("status", notice.batchStatus());
        json.put("exit_code", notice.exitCode());
        json.put("target", notice.target());
        json.put("provider", notice.provider());
        json.put("run_id", notice.runId());
        json.put("execution_id", notice.executionId());
        json.put("dry_run", notice.dryRun());
        json.put("elapsed_seconds", notice.elapsed().toMillis() / 1000.0);
        json.put("read", notice.read());
        json.put("counts", notice.counts());
        Map<String, String> reports = new LinkedHashMap<>();
        notice.reports().forEach((kind, path) -> reports.put(kind, path.toString()));
        json.put("reports", reports);
        if (notice.guard() != null) {
            Map<String, Object> guard = new LinkedHashMap<>();
            guard.put("guard", notice.guard().guard().name().toLowerCase(Locale.ROOT));
            guard.put("planned", notice.guard().planned());
            guard.put("max_deletes", notice.guard().maxDeletes());
            guard.put("max_delete_percent", notice.guard().maxDeletePercent());
            guard.put("directory_size", notice.guard().directorySize());
            guard.put("message", notice.guardMessage());
            guard.put("release", notice.guard().release());
            guard.put("release_command", "the same purge command with " + notice.guard().release());
            json.put("guard", guard);
        }
        json.put("audit_chain_head", notice.auditHead());
        if (notice.rows() != null) {
            json.put("rows", notice.rows().stream().map(row -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("input", row.input());
                r.put("account_id", row.accountId());
                r.put("outcome", row.outcome());
                r.put("reason", row.reason());
                return r;
            }).toList());
        }
        return mapper.writeValueAsString(json);
    }

    String slack(RunNotice notice) {
        return mapper.writeValueAsString(Map.of("text", String.join("\n", notice.lines())));
    }
}
