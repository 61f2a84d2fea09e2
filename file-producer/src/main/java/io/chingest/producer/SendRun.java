package io.chingest.producer;

import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.config.ExitCodes;
import io.chingest.common.registry.RegistryFaultException;
import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.quarantine.PrintedRows;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.RejectsFile;
import java.io.PrintWriter;
import java.util.List;
import org.apache.kafka.common.KafkaException;

/**
 * One {@code send} run: connects to Kafka ({@link KafkaConnection}), wires parse -> map -> publish in transactions
 * with the quarantine, runs the pipeline over the files and reports per file and in total. Runs on the caller's
 * thread, once; {@link #requestStop()} may be called from any thread (SIGTERM): the open chunk is then committed and
 * the run ends with its summary.
 */
public final class SendRun {

    /** Bad rows of one file printed to the terminal; all of them are in the rejects file. */
    static final long PRINTED_BAD_ROWS_PER_FILE = 10;

    private final SendSettings settings;
    private final PrintWriter err;
    private final SendProgress progress;
    private volatile boolean stopRequested;

    /**
     * @param err      receives warnings, errors, bad rows and the summary
     * @param progress shows how far the run has got; closed at the end
     */
    public SendRun(SendSettings settings, PrintWriter err, SendProgress progress) {
        this.settings = settings;
        this.err = err;
        this.progress = progress;
    }

    /** A run without progress display. */
    public SendRun(SendSettings settings, PrintWriter err) {
        this(settings, err, SendProgress.NONE);
    }

    /** Asks the run to commit its open chunk and stop. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Runs to the end; returns the exit code. */
    public int execute() {
        try (KafkaConnection kafka = KafkaConnection.open(settings, err)) {
            if (kafka == null) {
                return ExitCodes.FAILED;
            }
            RejectsFile rejectsFile = new RejectsFile(settings.rejectsDirectory());
            SendReport report;
            try (Quarantine quarantine =
                            new Quarantine(List.of(new PrintedRows(err, PRINTED_BAD_ROWS_PER_FILE), rejectsFile));
                    SendProgress display = progress) {
                report = new SendPipeline(
                                settings.parseSettings(),
                                settings.target(),
                                kafka.newSink(),
                                quarantine,
                                settings.badRowLimit(),
                                err::println,
                                settings.pipelineOptions(() -> stopRequested, display))
                        .run(settings.files());
            }
            return report(report, rejectsFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted while waiting for topic '" + settings.topic() + "'");
            return ExitCodes.FAILED;
        } catch (ServiceUnavailableException e) {
            err.println(KafkaConnection.withCauses(e));
            return ExitCodes.SERVICE_UNAVAILABLE;
        } catch (RegistryFaultException e) {
            err.println(e.getMessage() + " (--schema-registry)");
            return ExitCodes.SERVICE_UNAVAILABLE;
        } catch (IllegalStateException | KafkaException e) {
            err.println(KafkaConnection.withCauses(e));
            return ExitCodes.FAILED;
        }
    }

    private int report(SendReport report, RejectsFile rejectsFile) {
        for (FileOutcome file : report.files()) {
            err.println("file-producer: " + file.summary());
            if (file.rejected() > 0) {
                err.println("file-producer: " + file.rejected() + " bad row" + (file.rejected() == 1 ? "" : "s")
                        + " of " + file.file() + " set aside in " + rejectsFile.fileFor(file.file())
                        + (settings.deadLetterTopic() == null
                                ? ""
                                : " and topic '" + settings.deadLetterTopic() + "'"));
            }
        }
        if (report.outcome().firstError() != null) {
            err.println("failed to publish to topic '" + settings.topic() + "': "
                    + KafkaConnection.withCauses(report.outcome().firstError()));
        }
        err.println(report.summary());
        return report.exitCode();
    }
}
