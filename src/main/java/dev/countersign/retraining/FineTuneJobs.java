package dev.countersign.retraining;

import static dev.countersign.promotion.CandidatePromotion.Variables.CANDIDATE_DESCRIPTION;
import static dev.countersign.promotion.CandidatePromotion.Variables.CANDIDATE_VERSION;
import static dev.countersign.retraining.ModelRetraining.Variables.*;

import dev.countersign.datasets.DatasetExporter;
import dev.countersign.datasets.DatasetFormat;
import dev.countersign.oversight.AuditTrail;
import dev.countersign.promotion.CandidatePromotion;
import dev.countersign.promotion.ModelCandidates;
import dev.countersign.promotion.ModelCandidates.ModelCandidate;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The steps of model retraining, engine-free: build a use case's training dataset, start a
 * fine-tune job on it with the configured backend, and follow the job. Each step can run again
 * (a redelivered external task) without starting a second job for the same dataset.
 */
@Service
class FineTuneJobs {

  private static final Logger log = LoggerFactory.getLogger(FineTuneJobs.class);

  /** A dataset built for training: the export's record, where it was written, and what it holds. */
  record Dataset(long exportId, Path file, String sha256, long examples, Instant feedbackUntil) {

    /** What "Build dataset" hands back to model-retraining. */
    Map<String, Object> variables() {
      return Map.of(DATASET_EXPORT_ID, exportId, DATASET_FILE, file.toString(), DATASET_SHA256, sha256,
          TRAINING_EXAMPLES, examples, FEEDBACK_UNTIL, feedbackUntil.toString());
    }
  }

  record Progress(ModelCandidate candidate, FineTuneBackend.State state) {

    /** What "Start fine-tune" and "Check fine-tune" hand back to model-retraining. */
    Map<String, Object> variables() {
      return Map.of(CANDIDATE_VERSION, candidate.name(), CANDIDATE_DESCRIPTION, candidate.describe(),
          FINE_TUNE_JOB, candidate.jobId(), FINE_TUNE_STATE, state.name());
    }
  }

  /** A fine-tune job the provider reports failed or cancelled: an incident, not a retry. */
  static final class FineTuneFailedException extends RuntimeException {
    FineTuneFailedException(String message) {
      super(message);
    }
  }

  private final DatasetExporter exporter;
  private final FineTuneBackend backend;
  private final ModelCandidates candidates;
  private final RetrainingProperties properties;
  private final AuditTrail audit;
  private final MeterRegistry meters;

  FineTuneJobs(DatasetExporter exporter, FineTuneBackend backend, ModelCandidates candidates,
      RetrainingProperties properties, AuditTrail audit, MeterRegistry meters) {
    this.exporter = exporter;
    this.backend = backend;
    this.candidates = candidates;
    this.properties = properties;
    this.audit = audit;
    this.meters = meters;
  }

  /** Exports the use case's training split decided until now (openai-sft), recorded like any export. */
  Dataset build(String useCase) {
    Instant until = Instant.now();
    try {
      Files.createDirectories(properties.directory());
      Path partial = Files.createTempFile(properties.directory(), "dataset-", ".partial");
      DatasetExporter.Summary summary;
      try (OutputStream out = Files.newOutputStream(partial)) {
        summary = exporter.export(DatasetFormat.OPENAI_SFT, new DatasetExporter.Filter(useCase, null, until, null),
            ModelRetraining.ACTOR, out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(partial);
        throw e;
      }
      Path file = properties.directory().resolve(fileName(useCase) + "-" + summary.exportId() + ".jsonl");
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      return new Dataset(summary.exportId(), file.toAbsolutePath(), summary.sha256(), summary.examples(), until);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the training dataset under " + properties.directory(), e);
    }
  }

  /** Starts training on {@code dataset}, or, if that was done already, looks at the job it started. */
  Progress start(String useCase, Dataset dataset) {
    ModelCandidate candidate = candidates.findByExport(dataset.exportId()).orElseGet(() -> candidates.create(useCase,
        backend.name(), backend.baseModel(), null, dataset.feedbackUntil(), dataset.examples(), dataset.exportId(),
        dataset.sha256(), ModelRetraining.ACTOR));
    if (candidate.jobId() != null) {
      return check(candidate.id());
    }
    FineTuneBackend.Job job = backend.start(candidate, dataset.file());
    candidates.jobStarted(candidate.id(), job.id());
    audit.append(chain(candidate), "model.training-started", ModelRetraining.ACTOR, AuditTrail.details(
        "useCase", useCase, "backend", backend.name(), "baseModel", backend.baseModel(), "job", job.id(),
        "datasetExport", dataset.exportId(), "datasetSha256", dataset.sha256(), "examples", dataset.examples()));
    log.info("Fine-tune job {} started for {} ({}, {} examples)", job.id(), candidate.name(), useCase,
        dataset.examples());
    return settle(candidates.find(candidate.id()).orElseThrow(), job);
  }

  Progress check(long candidateId) {
    ModelCandidate candidate = candidates.find(candidateId).orElseThrow(() ->
        new IllegalStateException("No model candidate " + candidateId));
    return settle(candidate, backend.poll(candidate));
  }

  private Progress settle(ModelCandidate candidate, FineTuneBackend.Job job) {
    switch (job.state()) {
      case SUCCEEDED -> {
        if (candidate.status() == ModelCandidates.Status.TRAINING) {
          candidates.trained(candidate.id(), job.model());
          audit.append(chain(candidate), "model.trained", ModelRetraining.ACTOR,
              AuditTrail.details("job", job.id(), "model", job.model()));
          count("trained");
          log.info("Fine-tune job {} succeeded: {} is {}", job.id(), candidate.name(),
              job.model() == null ? "a memory snapshot" : job.model());
        }
      }
      case FAILED -> {
        // A retried incident looks again; the failure is recorded once.
        if (candidate.status() != ModelCandidates.Status.FAILED) {
          candidates.failed(candidate.id(), job.error());
          audit.append(chain(candidate), "model.training-failed", ModelRetraining.ACTOR,
              AuditTrail.details("job", job.id(), "error", job.error()));
          count("failed");
        }
        throw new FineTuneFailedException("Fine-tune job " + job.id() + " for " + candidate.name() + " failed: "
            + job.error());
      }
      case RUNNING -> log.debug("Fine-tune job {} for {} is still running", job.id(), candidate.name());
    }
    return new Progress(candidates.find(candidate.id()).orElseThrow(), job.state());
  }

  private void count(String outcome) {
    meters.counter("countersign.model.candidates", "backend", backend.name(), "outcome", outcome).increment();
  }

  private static String chain(ModelCandidate candidate) {
    return CandidatePromotion.MODEL_KEY_PREFIX + candidate.name();
  }

  private static String fileName(String useCase) {
    return useCase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }
}
